package io.fleetstream.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The poller compares each sweep with what it saw before: a lower version or a missing
 * key is a regression, a failed sweep compares nothing, and a poll that never succeeded
 * cannot pass as "no regressions".
 */
class MonotonicPollerTests {

	@Test
	void aLowerVersionAndAMissingKeyAreRegressionsAndTheAssertionNamesThem() throws Exception {
		Instant before = Instant.now();
		Scripted sweeps = new Scripted(List.of(Map.of("a", 1L, "b", 1L), Map.of("a", 2L, "b", 1L), Map.of("a", 1L)));
		MonotonicPoller poller = MonotonicPoller.start("test", Duration.ofMillis(1), sweeps);
		sweeps.awaitExhausted();
		MonotonicPoller.Report report = poller.stop();

		assertThat(report.regressions()).hasSizeGreaterThanOrEqualTo(2);
		assertThat(report.regressions().subList(0, 2)).extracting(Object::toString)
			.satisfiesExactly((first) -> assertThat(first).startsWith("b: 1 -> absent (sweep 3 "),
					(second) -> assertThat(second).startsWith("a: 2 -> 1 (sweep 3 "));
		assertThat(report.advances()).isEqualTo(1);
		assertThat(report.advancedAfter(before)).containsExactly("a");
		assertThat(report.keys()).isEqualTo(2);
		assertThatExceptionOfType(AssertionError.class).isThrownBy(report::assertNoRegressions)
			.withMessageContaining("regressions")
			.withMessageContaining("a: 2 -> 1")
			.withMessageContaining("b: 1 -> absent");
	}

	@Test
	void aFailedSweepIsCountedAndComparesNothing() throws Exception {
		Scripted sweeps = new Scripted(
				List.of(Map.of("a", 1L), new IllegalStateException("503 from the API"), Map.of("a", 2L)));
		MonotonicPoller poller = MonotonicPoller.start("test", Duration.ofMillis(1), sweeps);
		sweeps.awaitExhausted();
		MonotonicPoller.Report report = poller.stop();

		assertThat(report.failedSweeps()).isEqualTo(1);
		assertThat(report.failures()).singleElement().asString().contains("503 from the API");
		assertThat(report.sweeps()).isGreaterThanOrEqualTo(3);
		assertThat(report.regressions()).isEmpty();
		report.assertNoRegressions();
	}

	@Test
	void aPollThatNeverSucceededFailsTheAssertionInsteadOfPassingVacuously() {
		MonotonicPoller poller = MonotonicPoller.start("unreachable", Duration.ofMillis(1), () -> {
			throw new IllegalStateException("connection refused");
		});
		MonotonicPoller.Report report = poller.stop();

		assertThat(report.sweeps()).isZero();
		assertThatExceptionOfType(AssertionError.class).isThrownBy(report::assertNoRegressions)
			.withMessageContaining("compared nothing")
			.withMessageContaining("connection refused");
	}

	/**
	 * Answers its script in order (a map, or an exception to throw), then its last map.
	 */
	private static final class Scripted implements MonotonicPoller.Sweep {

		private final Deque<Object> script;

		private final CountDownLatch exhausted = new CountDownLatch(1);

		private Map<String, Long> last;

		Scripted(List<Object> script) {
			this.script = new ArrayDeque<>(script);
		}

		@Override
		@SuppressWarnings("unchecked")
		public synchronized Map<String, Long> read() throws Exception {
			Object next = this.script.poll();
			if (this.script.isEmpty()) {
				this.exhausted.countDown();
			}
			if (next instanceof Exception ex) {
				throw ex;
			}
			if (next != null) {
				this.last = (Map<String, Long>) next;
			}
			return this.last;
		}

		void awaitExhausted() throws InterruptedException {
			assertThat(this.exhausted.await(30, TimeUnit.SECONDS)).as("script played").isTrue();
		}

	}

}
