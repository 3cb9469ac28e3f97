package io.fleetstream.ingest.live;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One stream: its own sender thread writes the snapshot, then the deltas queued for it,
 * so a client that reads slowly holds up nobody but itself. Its queue is bounded: when
 * the feed cannot add an event, the subscriber is {@linkplain #drop() dropped} and the
 * stream ends (the browser's EventSource reconnects and starts again from a snapshot).
 */
final class LiveSubscriber {

	private static final Outgoing CLOSE = new Outgoing("", "");

	private final SseEmitter emitter;

	private final BlockingQueue<Outgoing> queue;

	private final Duration heartbeat;

	private final Duration retry;

	private final Consumer<String> sent;

	private final AtomicBoolean closed = new AtomicBoolean();

	private final Thread sender;

	private volatile List<String> snapshot = List.of();

	/**
	 * @param sent told the type of every event written ({@code snapshot}, {@code delta},
	 * {@code heartbeat})
	 * @param ended told once the stream has ended, however it ended
	 */
	LiveSubscriber(SseEmitter emitter, int queueCapacity, Duration heartbeat, Duration retry, Consumer<String> sent,
			Runnable ended, int id) {
		this.emitter = emitter;
		this.queue = new ArrayBlockingQueue<>(queueCapacity);
		this.heartbeat = heartbeat;
		this.retry = retry;
		this.sent = sent;
		this.sender = new Thread(() -> {
			try {
				send();
			}
			finally {
				ended.run();
			}
		}, "live-stream-" + id);
		this.sender.setDaemon(true);
	}

	/** Starts sending: the snapshot first, then whatever is queued. */
	void start(List<String> snapshot) {
		this.snapshot = snapshot;
		this.sender.start();
	}

	/**
	 * Queues a delta.
	 * @return false when the queue is full or the stream has ended: the caller drops the
	 * subscriber
	 */
	boolean offer(String delta) {
		return !this.closed.get() && this.queue.offer(new Outgoing(LiveEvents.DELTA, delta));
	}

	/**
	 * Ends the stream: what is queued is discarded and the sender completes the response
	 * once its current write returns.
	 */
	void drop() {
		if (this.closed.compareAndSet(false, true)) {
			this.queue.clear();
			this.queue.offer(CLOSE);
		}
	}

	boolean isClosed() {
		return this.closed.get();
	}

	/** Waits for the sender to finish, at most {@code timeout}. */
	void awaitEnd(Duration timeout) throws InterruptedException {
		this.sender.join(Math.max(1, timeout.toMillis()));
	}

	private void send() {
		try {
			this.emitter.send(SseEmitter.event().reconnectTime(this.retry.toMillis()).comment("fleetstream live"));
			for (String chunk : this.snapshot) {
				if (this.closed.get()) {
					break;
				}
				this.emitter.send(SseEmitter.event().name(LiveEvents.SNAPSHOT).data(chunk));
				this.sent.accept(LiveEvents.SNAPSHOT);
			}
			this.snapshot = List.of();
			while (true) {
				Outgoing next = this.queue.poll(this.heartbeat.toMillis(), TimeUnit.MILLISECONDS);
				if (next == CLOSE) {
					break;
				}
				if (next == null) {
					this.emitter.send(SseEmitter.event().comment("heartbeat"));
					this.sent.accept("heartbeat");
				}
				else {
					this.emitter.send(SseEmitter.event().name(next.name()).data(next.data()));
					this.sent.accept(next.name());
				}
			}
			this.emitter.complete();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.emitter.complete();
		}
		catch (IOException | IllegalStateException ex) {
			// the client went away, or the stream already ended (timeout, container
			// shutdown): nothing left to write to
		}
		finally {
			this.closed.set(true);
		}
	}

	private record Outgoing(String name, String data) {
	}

}
