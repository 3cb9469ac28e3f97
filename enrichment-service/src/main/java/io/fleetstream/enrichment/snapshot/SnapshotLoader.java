package io.fleetstream.enrichment.snapshot;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.fleetstream.common.FleetProperties;
import io.fleetstream.common.pipeline.LoadRecord;
import io.fleetstream.common.pipeline.LoadResult;
import io.fleetstream.common.pipeline.RecordLoader;
import io.fleetstream.common.pipeline.RouteLifecycle;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * The {@value #NAME} loader of the broadcast CDC route: writes each batch to Redis (the
 * durable copy, one script call per chunk), then applies it to this instance's in-memory
 * snapshot. When the route's partitions are assigned it first loads the whole snapshot
 * from Redis and returns the stored offsets, so the route resumes there (from the
 * beginning when Redis holds no snapshot); it retries that load until Redis answers, so
 * the route (and the telemetry routes that start after it) never runs on a snapshot that
 * was not loaded. Control records are logged and counted, never applied.
 */
class SnapshotLoader implements RecordLoader<CdcRecord>, RouteLifecycle, SmartLifecycle {

	static final String NAME = "car-snapshot";

	private static final Logger logger = LoggerFactory.getLogger(SnapshotLoader.class);

	private final RedisSnapshotWriter writer;

	private final RedisSnapshotReader reader;

	private final SnapshotStore store;

	private final SnapshotMetrics metrics;

	private final FleetProperties.Retry retry;

	private volatile boolean running;

	private volatile boolean stopping;

	private Map<TopicPartition, Long> storedOffsets;

	private volatile String generation;

	private volatile boolean mayStartGeneration;

	private volatile boolean offsetsRecorded = true;

	SnapshotLoader(RedisSnapshotWriter writer, RedisSnapshotReader reader, SnapshotStore store, SnapshotMetrics metrics,
			FleetProperties.Retry retry) {
		this.writer = writer;
		this.reader = reader;
		this.store = store;
		this.metrics = metrics;
		this.retry = retry;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Class<CdcRecord> valueType() {
		return CdcRecord.class;
	}

	@Override
	public synchronized Map<TopicPartition, Long> partitionsAssigned(Collection<TopicPartition> partitions) {
		if (this.storedOffsets == null) {
			loadFromRedis();
		}
		Map<TopicPartition, Long> start = new HashMap<>();
		partitions.forEach((partition) -> {
			Long offset = this.storedOffsets.get(partition);
			if (offset != null) {
				start.put(partition, offset);
			}
		});
		return start;
	}

	@Override
	public LoadResult load(List<LoadRecord<CdcRecord>> records) {
		boolean recorded = this.writer.write(records, this.generation, this.mayStartGeneration);
		if (!recorded && this.offsetsRecorded) {
			this.offsetsRecorded = false;
			this.metrics.offsetsRecorded(false);
			logger.warn("The snapshot in Redis was reset under this instance (its generation {} is gone): it keeps "
					+ "writing rows but no longer records its offsets; restart the instances to rebuild Redis "
					+ "from the CDC topics (docs/snapshot.md, recovery)", this.generation);
		}
		for (LoadRecord<CdcRecord> record : records) {
			CdcRecord value = record.value();
			if (value.isControl()) {
				this.metrics.control(value.control().operation());
				logger.info("DMS control record '{}' for {}.{} at {} (not applied as data)",
						value.control().operation(), value.control().schema(), value.control().table(),
						record.source().id());
			}
			else if (this.store.apply(value)) {
				this.metrics.applied(value);
			}
			else {
				this.metrics.stale(value);
			}
		}
		return LoadResult.allWritten();
	}

	private void loadFromRedis() {
		long delayMs = this.retry.initialInterval().toMillis();
		while (true) {
			long start = System.nanoTime();
			try {
				RedisSnapshotReader.Stored stored = this.reader.read();
				this.store.replaceAll(stored.snapshot());
				adopt(stored);
				long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
				this.metrics.loaded(millis);
				logger.info("Snapshot loaded from Redis in {} ms: {} cars, {} devices; {}", millis, this.store.cars(),
						this.store.devices(),
						(stored.generation() != null) ? "resuming at the stored offsets " + stored.offsets()
								: "Redis holds no snapshot progress: reading the CDC topics from the beginning");
				return;
			}
			catch (RuntimeException ex) {
				if (this.stopping || Thread.currentThread().isInterrupted()) {
					throw ex;
				}
				logger.warn("Loading the snapshot from Redis failed, retrying in {} ms: {}", delayMs, ex.toString());
				pause(delayMs);
				delayMs = Math.min((long) (delayMs * this.retry.multiplier()), this.retry.maxInterval().toMillis());
			}
		}
	}

	private void adopt(RedisSnapshotReader.Stored stored) {
		if (stored.generation() != null) {
			this.generation = stored.generation();
			this.mayStartGeneration = false;
			this.storedOffsets = Map.copyOf(stored.offsets());
		}
		else {
			// offsets without their generation mean nothing: rebuild from the beginning
			this.generation = UUID.randomUUID().toString();
			this.mayStartGeneration = true;
			this.storedOffsets = Map.of();
		}
	}

	private void pause(long millis) {
		long until = System.currentTimeMillis() + millis;
		try {
			while (!this.stopping && System.currentTimeMillis() < until) {
				Thread.sleep(Math.min(100, millis));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		// before the route's container stops, so that a load retrying forever gives up
		this.stopping = true;
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

}
