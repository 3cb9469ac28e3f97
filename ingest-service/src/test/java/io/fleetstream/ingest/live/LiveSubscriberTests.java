package io.fleetstream.ingest.live;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One stream's sender without a servlet container: order of what it writes, its bounded
 * queue, and how it ends.
 */
class LiveSubscriberTests {

	private final CountDownLatch ended = new CountDownLatch(1);

	@Test
	void theSnapshotGoesFirstThenTheQueuedDeltasInOrder() throws Exception {
		RecordingEmitter emitter = new RecordingEmitter(null);
		LiveSubscriber subscriber = subscriber(emitter, 8);
		assertThat(subscriber.offer("{\"d\":1}")).isTrue();
		assertThat(subscriber.offer("{\"d\":2}")).isTrue();

		subscriber.start(List.of("{\"s\":1}", "{\"s\":2}"));

		await().atMost(Duration.ofSeconds(10)).until(() -> emitter.written.size() >= 5);
		assertThat(emitter.written.get(0)).startsWith("retry:3000\n:fleetstream live");
		assertThat(emitter.written.subList(1, 5)).containsExactly("event:snapshot\ndata:{\"s\":1}",
				"event:snapshot\ndata:{\"s\":2}", "event:delta\ndata:{\"d\":1}", "event:delta\ndata:{\"d\":2}");
		subscriber.drop();
		assertThat(this.ended.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(emitter.completed).isTrue();
	}

	@Test
	void aClientThatCannotKeepUpIsRefusedOnceItsQueueIsFull() throws Exception {
		CountDownLatch stuck = new CountDownLatch(1);
		RecordingEmitter emitter = new RecordingEmitter(stuck);
		LiveSubscriber subscriber = subscriber(emitter, 3);
		subscriber.start(List.of());
		// the sender is stuck in its first write: nothing leaves the queue
		await().atMost(Duration.ofSeconds(10)).until(() -> emitter.attempts > 0);

		assertThat(subscriber.offer("1")).isTrue();
		assertThat(subscriber.offer("2")).isTrue();
		assertThat(subscriber.offer("3")).isTrue();
		assertThat(subscriber.offer("4")).isFalse();

		// dropped: what was queued is discarded, the stream ends once the write returns
		subscriber.drop();
		assertThat(subscriber.offer("5")).isFalse();
		stuck.countDown();
		assertThat(this.ended.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(emitter.written).noneMatch((event) -> event.contains("event:delta"));
		assertThat(emitter.completed).isTrue();
	}

	@Test
	void anIdleStreamGetsHeartbeats() {
		RecordingEmitter emitter = new RecordingEmitter(null);
		LiveSubscriber subscriber = subscriber(emitter, 3);
		subscriber.start(List.of());

		await().atMost(Duration.ofSeconds(10))
			.until(() -> emitter.written.stream().filter((event) -> event.equals(":heartbeat")).count() >= 2);
		subscriber.drop();
	}

	@Test
	void aFailedWriteEndsTheStream() throws Exception {
		RecordingEmitter emitter = new RecordingEmitter(null);
		emitter.failing = true;
		LiveSubscriber subscriber = subscriber(emitter, 3);

		subscriber.start(List.of("{}"));

		assertThat(this.ended.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(subscriber.isClosed()).isTrue();
		assertThat(subscriber.offer("late")).isFalse();
	}

	private LiveSubscriber subscriber(SseEmitter emitter, int capacity) {
		return new LiveSubscriber(emitter, capacity, Duration.ofMillis(100), Duration.ofSeconds(3), (type) -> {
		}, this.ended::countDown, 1);
	}

	/** Keeps what would be written, as SSE text; can be made to block or fail. */
	static final class RecordingEmitter extends SseEmitter {

		final List<String> written = new CopyOnWriteArrayList<>();

		private final CountDownLatch blockUntil;

		volatile int attempts;

		volatile boolean failing;

		volatile boolean completed;

		RecordingEmitter(CountDownLatch blockUntil) {
			this.blockUntil = blockUntil;
		}

		@Override
		public void send(SseEventBuilder builder) throws IOException {
			this.attempts++;
			if (this.failing) {
				throw new IOException("Broken pipe");
			}
			if (this.blockUntil != null) {
				try {
					this.blockUntil.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			StringBuilder text = new StringBuilder();
			builder.build().forEach((part) -> text.append(part.getData()));
			this.written.add(text.toString().strip());
		}

		@Override
		public void complete() {
			this.completed = true;
		}

	}

}
