package io.fleetstream.ingest.live;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.RedisException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.fleetstream.ingest.IngestProperties;

/**
 * The instance's one live feed: every {@code interval}, while anyone is subscribed, one
 * thread reads the positions that changed ({@link RedisLiveReads}, the whole fleet, not
 * only this instance's partitions) and fans the delta out to every subscriber's queue.
 * The Redis work per poll is the same for one subscriber or a hundred; a new subscriber
 * is given the fleet from the feed's memory, so subscribing costs Redis nothing either.
 * <p>
 * Stopped first on shutdown (before the web server's graceful shutdown), so open streams
 * end at once instead of holding the shutdown until their timeout.
 */
class LiveFeed implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(LiveFeed.class);

	private final RedisLiveReads reads;

	private final IngestProperties.Live settings;

	private final Clock clock;

	private final DeltaTracker tracker;

	private final Set<LiveSubscriber> subscribers = ConcurrentHashMap.newKeySet();

	private final AtomicInteger open = new AtomicInteger();

	private final AtomicInteger ids = new AtomicInteger();

	private final Timer pollTimer;

	private final Counter pollFailures;

	private final Counter dropped;

	private final Counter refused;

	private final MeterRegistry registry;

	private ScheduledExecutorService poller;

	private volatile boolean running;

	private long lastFullMs = Long.MIN_VALUE;

	LiveFeed(RedisLiveReads reads, int shards, IngestProperties.Live settings, Clock clock, MeterRegistry registry) {
		this.reads = reads;
		this.settings = settings;
		this.clock = clock;
		this.registry = registry;
		this.tracker = new DeltaTracker(shards, settings.overlap().toMillis());
		this.pollTimer = Timer.builder("fleet.live.poll")
			.description("One poll of the live feed: the changed positions read from Redis and queued to subscribers")
			.register(registry);
		this.pollFailures = Counter.builder("fleet.live.poll.failures")
			.description("Polls of the live feed that failed (Redis unavailable or slow); retried at the next interval")
			.register(registry);
		this.dropped = Counter.builder("fleet.live.clients.dropped")
			.description("Streams ended because the client fell more than queue-capacity events behind")
			.register(registry);
		this.refused = Counter.builder("fleet.live.clients.refused")
			.description("Subscriptions answered 503 because max-subscribers streams were open")
			.register(registry);
		Gauge.builder("fleet.live.subscribers", this.open, AtomicInteger::get)
			.description("Live position streams open on this instance")
			.register(registry);
		Gauge.builder("fleet.live.cars", this, LiveFeed::carsKnown)
			.description("Cars the live feed knows (the fleet a new subscriber is sent)")
			.register(registry);
	}

	/**
	 * A new stream: the fleet first, then its changes.
	 * @throws LiveFeedUnavailableException when {@code max-subscribers} streams are open
	 * or the feed is stopping
	 */
	SseEmitter subscribe() {
		if (!this.running) {
			throw LiveFeedUnavailableException.stopping();
		}
		if (this.open.incrementAndGet() > this.settings.maxSubscribers()) {
			this.open.decrementAndGet();
			this.refused.increment();
			throw LiveFeedUnavailableException.full(this.settings.maxSubscribers());
		}
		SseEmitter emitter = new SseEmitter(this.settings.maxStreamAge().toMillis());
		LiveSubscriber[] holder = new LiveSubscriber[1];
		LiveSubscriber subscriber = new LiveSubscriber(emitter, this.settings.queueCapacity(),
				this.settings.heartbeat(), this.settings.retry(), this::countSent, () -> ended(holder[0]),
				this.ids.incrementAndGet());
		holder[0] = subscriber;
		emitter.onCompletion(subscriber::drop);
		// max-stream-age: end the stream normally (the browser reconnects)
		emitter.onTimeout(() -> {
			subscriber.drop();
			emitter.complete();
		});
		emitter.onError((ex) -> subscriber.drop());
		try {
			this.poller.execute(() -> attach(subscriber));
		}
		catch (RuntimeException ex) {
			this.open.decrementAndGet();
			throw LiveFeedUnavailableException.stopping();
		}
		return emitter;
	}

	/**
	 * On the feed's thread, so no delta falls between the snapshot and the first queued
	 * one. The first subscriber after an idle spell (nobody subscribed, so nobody polled)
	 * is sent the fleet after a full comparison: while nobody polled, writes of any age
	 * may have landed.
	 */
	private void attach(LiveSubscriber subscriber) {
		if (this.subscribers.isEmpty()) {
			pollSafely(true);
		}
		subscriber.start(LiveEvents.snapshot(this.tracker.fleet(), this.settings.chunkSize()));
		this.subscribers.add(subscriber);
	}

	/** Once per started stream, from its sender thread. */
	private void ended(LiveSubscriber subscriber) {
		this.subscribers.remove(subscriber);
		this.open.decrementAndGet();
	}

	private void tick() {
		if (!this.subscribers.isEmpty()) {
			pollSafely(false);
		}
	}

	private void pollSafely(boolean full) {
		try {
			poll(full);
		}
		catch (RedisException ex) {
			this.pollFailures.increment();
			logger.warn("Live feed poll failed, retrying in " + this.settings.interval().toMillis() + " ms: "
					+ ex.getMessage());
		}
		catch (RuntimeException ex) {
			this.pollFailures.increment();
			logger.error("Live feed poll failed", ex);
		}
	}

	/**
	 * One poll, a full comparison when asked, on the first poll and every
	 * {@code resync-interval}.
	 */
	void poll(boolean fullAsked) {
		long started = System.nanoTime();
		long now = this.clock.millis();
		boolean full = fullAsked || this.lastFullMs == Long.MIN_VALUE
				|| now - this.lastFullMs >= this.settings.resyncInterval().toMillis();
		LiveChange change = this.reads.poll(this.tracker, full, now);
		if (full) {
			this.lastFullMs = now;
		}
		if (!change.isEmpty()) {
			List<String> events = LiveEvents.delta(change, this.settings.chunkSize());
			for (LiveSubscriber subscriber : this.subscribers) {
				for (String event : events) {
					if (!subscriber.offer(event)) {
						if (!subscriber.isClosed()) {
							this.dropped.increment();
							logger.info("Live stream dropped: the client is more than " + this.settings.queueCapacity()
									+ " events behind (it reconnects and resyncs)");
						}
						subscriber.drop();
						this.subscribers.remove(subscriber);
						break;
					}
				}
			}
		}
		this.pollTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
	}

	private void countSent(String type) {
		Counter.builder("fleet.live.events.sent")
			.description("Events written to live streams, by type (snapshot, delta, heartbeat)")
			.tag("type", type)
			.register(this.registry)
			.increment();
	}

	private double carsKnown() {
		return this.tracker.size();
	}

	@Override
	public void start() {
		this.poller = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "live-feed");
			thread.setDaemon(true);
			return thread;
		});
		long interval = this.settings.interval().toMillis();
		this.poller.scheduleWithFixedDelay(this::tick, interval, interval, TimeUnit.MILLISECONDS);
		this.running = true;
	}

	/** Ends every open stream, then the feed's thread. */
	@Override
	public void stop() {
		this.running = false;
		this.poller.shutdown();
		try {
			this.poller.awaitTermination(5, TimeUnit.SECONDS);
			List<LiveSubscriber> open = List.copyOf(this.subscribers);
			open.forEach(LiveSubscriber::drop);
			for (LiveSubscriber subscriber : open) {
				subscriber.awaitEnd(Duration.ofSeconds(2));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.poller.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Stopped among the first, before the web server shuts down gracefully. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE;
	}

	/** Open streams, for tests. */
	int subscribers() {
		return this.open.get();
	}

}
