package io.fleetstream.common.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.lettuce.core.RedisCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Token caching, renewal and failure handling, on virtual time: the scheduler and the
 * clock the provider measures token age with advance together.
 */
class ElastiCacheIamCredentialsProviderTests {

	private static final Duration REFRESH = Duration.ofMinutes(10);

	private final VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();

	private final CountingTokens tokens = new CountingTokens();

	private final ElastiCacheIamCredentialsProvider provider = new ElastiCacheIamCredentialsProvider("ingest",
			this.tokens, REFRESH, new SchedulerClock(this.scheduler), this.scheduler);

	private final List<String> pushed = new CopyOnWriteArrayList<>();

	private final AtomicReference<Throwable> streamError = new AtomicReference<>();

	private final AtomicBoolean streamCompleted = new AtomicBoolean();

	@AfterEach
	void close() {
		this.provider.close();
	}

	@Test
	void credentialsAreTheUserIdAndATokenThatIsReusedWithinTheRefreshInterval() {
		RedisCredentials first = resolve();
		this.scheduler.advanceTimeBy(REFRESH.minusSeconds(1));
		RedisCredentials later = resolve();

		assertThat(first.getUsername()).isEqualTo("ingest");
		assertThat(new String(first.getPassword())).isEqualTo("token-1");
		assertThat(new String(later.getPassword())).isEqualTo("token-1");
		assertThat(this.tokens.attempts()).isEqualTo(1);
	}

	@Test
	void tokenIsRenewedWhenTheRefreshIntervalHasPassed() {
		resolve();
		this.scheduler.advanceTimeBy(REFRESH);

		assertThat(this.tokens.attempts()).isEqualTo(2);
		assertThat(new String(resolve().getPassword())).isEqualTo("token-2");
	}

	@Test
	void eachRenewedTokenIsPushedToTheCredentialsStream() {
		subscribe();
		this.scheduler.advanceTimeBy(REFRESH.multipliedBy(3));

		assertThat(this.pushed).containsExactly("token-2", "token-3", "token-4");
		assertThat(this.streamError).hasNullValue();
	}

	@Test
	void failedRenewalIsRetriedWithBackOffAndTheStreamSurvives() {
		subscribe();
		this.tokens.failing.set(true);
		this.scheduler.advanceTimeBy(REFRESH);
		assertThat(this.tokens.attempts()).isEqualTo(2);

		this.scheduler.advanceTimeBy(Duration.ofSeconds(1));
		assertThat(this.tokens.attempts()).isEqualTo(3);
		this.scheduler.advanceTimeBy(Duration.ofSeconds(2));
		assertThat(this.tokens.attempts()).isEqualTo(4);

		this.tokens.failing.set(false);
		this.scheduler.advanceTimeBy(Duration.ofSeconds(4));

		assertThat(this.pushed).containsExactly("token-5");
		assertThat(this.streamError).hasNullValue();
		assertThat(this.streamCompleted).isFalse();
	}

	@Test
	void retriesBackOffToAtMostThirtySecondsAndNeverGiveUp() {
		subscribe();
		this.tokens.failing.set(true);
		this.scheduler.advanceTimeBy(REFRESH.plusMinutes(10));
		int afterTenMinutesFailing = this.tokens.attempts();
		this.scheduler.advanceTimeBy(Duration.ofMinutes(5));

		assertThat(afterTenMinutesFailing - 2).isBetween(20, 26);
		assertThat(this.tokens.attempts() - afterTenMinutesFailing).isEqualTo(10);
		assertThat(this.streamError).hasNullValue();
	}

	@Test
	void previousTokenIsUsedWhileValidWhenRenewalFails() {
		resolve();
		this.tokens.failing.set(true);
		this.scheduler.advanceTimeBy(Duration.ofMinutes(13));

		assertThat(new String(resolve().getPassword())).isEqualTo("token-1");
	}

	@Test
	void noCredentialsWhenNoValidTokenCanBeMadeUntilTheSourceRecovers() {
		this.tokens.failing.set(true);

		assertThatIllegalStateException().isThrownBy(this::resolve)
			.withMessageContaining("No ElastiCache IAM token for user 'ingest'")
			.withMessageContaining("no AWS credentials");

		this.tokens.failing.set(false);
		assertThat(resolve().hasPassword()).isTrue();
	}

	@Test
	void closingStopsRenewalAndCompletesTheStream() {
		subscribe();
		this.provider.close();
		int attempts = this.tokens.attempts();
		this.scheduler.advanceTimeBy(REFRESH.multipliedBy(2));

		assertThat(this.tokens.attempts()).isEqualTo(attempts);
		assertThat(this.streamCompleted).isTrue();
	}

	@Test
	void refreshIntervalMustLeaveTheTokenTimeToBeUsed() {
		Clock clock = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ElastiCacheIamCredentialsProvider("ingest", this.tokens, Duration.ofMinutes(15),
					clock, this.scheduler))
			.withMessageContaining("refreshInterval");
	}

	private RedisCredentials resolve() {
		return this.provider.resolveCredentials().block(Duration.ofSeconds(5));
	}

	private Disposable subscribe() {
		return this.provider.credentials()
			.subscribe((credentials) -> this.pushed.add(new String(credentials.getPassword())), this.streamError::set,
					() -> this.streamCompleted.set(true));
	}

	static final class CountingTokens implements Supplier<String> {

		final AtomicBoolean failing = new AtomicBoolean();

		private final AtomicInteger attempts = new AtomicInteger();

		@Override
		public String get() {
			int attempt = this.attempts.incrementAndGet();
			if (this.failing.get()) {
				throw new IllegalStateException("no AWS credentials (attempt " + attempt + ")");
			}
			return "token-" + attempt;
		}

		int attempts() {
			return this.attempts.get();
		}

	}

	/** A clock that reads the virtual time of a scheduler. */
	static final class SchedulerClock extends Clock {

		private final VirtualTimeScheduler scheduler;

		SchedulerClock(VirtualTimeScheduler scheduler) {
			this.scheduler = scheduler;
		}

		@Override
		public Instant instant() {
			return Instant.ofEpochMilli(this.scheduler.now(TimeUnit.MILLISECONDS));
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
