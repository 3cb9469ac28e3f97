package io.fleetstream.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * (a) End to end: ingest-service is started on the pre-filled topic and drains it. The
 * clock starts when the first position appears in Redis and stops when the service's
 * consumer group has committed every record; since offsets are committed only after a
 * batch is written, that is when every fix is applied (the caller then proves it in
 * Redis).
 */
final class EndToEndPhase {

	private static final long COMMIT_POLL_MS = 100;

	private final BenchmarkOptions options;

	private final KafkaTopics topics;

	private final BenchRedis redis;

	private final CpuMeter cpu;

	EndToEndPhase(BenchmarkOptions options, KafkaTopics topics, BenchRedis redis, CpuMeter cpu) {
		this.options = options;
		this.topics = topics;
		this.redis = redis;
		this.cpu = cpu;
	}

	/** Starts ingest-service (the caller owns it) and times the drain. */
	Outcome run(String bootstrapServers, int redisPort, Path logDir) {
		long records = this.topics.endOffsetSum(this.options.topic());
		IngestService service = IngestService.launch(this.options, bootstrapServers, redisPort, logDir);
		this.cpu.watch("ingest-service", service.pid());
		AtomicReference<CpuMeter.Snapshot> firstWrite = new AtomicReference<>();
		Thread watcher = new Thread(() -> awaitFirstWrite(firstWrite), "first-write-watcher");
		watcher.setDaemon(true);
		watcher.start();
		// a loaded machine may need longer: -Dbench.ingest-start-seconds=
		service.awaitHealthy(Duration.ofSeconds(Long.getLong("bench.ingest-start-seconds", 120)));
		String group = awaitGroup(service);
		List<long[]> progress = new ArrayList<>();
		long committed = 0;
		while (committed < records) {
			service.ensureAlive();
			Pause.millis(COMMIT_POLL_MS);
			committed = this.topics.committedSum(group, this.options.topic());
			progress.add(new long[] { System.nanoTime(), committed });
		}
		CpuMeter.Snapshot end = this.cpu.snapshot();
		while (firstWrite.get() == null) {
			Pause.millis(1);
		}
		CpuMeter.Snapshot start = firstWrite.get();
		return new Outcome(service, group, records, (end.nanoTime() - start.nanoTime()) / 1e9,
				steadyRate(progress, records), end.coresSince(start));
	}

	private void awaitFirstWrite(AtomicReference<CpuMeter.Snapshot> firstWrite) {
		while (this.redis.dbSize() == 0) {
			Pause.millis(2);
		}
		firstWrite.set(this.cpu.snapshot());
	}

	private String awaitGroup(IngestService service) {
		for (int attempt = 0; attempt < 600; attempt++) {
			service.ensureAlive();
			List<String> groups = this.topics.groupsConsuming(this.options.topic(), List.of(NaiveConsumerPhase.GROUP));
			if (groups.size() == 1) {
				return groups.get(0);
			}
			if (groups.size() > 1) {
				throw new IllegalStateException("Several groups consume the topic: " + groups);
			}
			Pause.millis(50);
		}
		throw new IllegalStateException("ingest-service committed nothing within 30 s, see " + service.log());
	}

	/**
	 * The rate between 10% and 90% of the records committed: the drain without its ends.
	 */
	private static double steadyRate(List<long[]> progress, long records) {
		long[] from = null;
		long[] to = null;
		for (long[] sample : progress) {
			if (from == null && sample[1] >= records / 10) {
				from = sample;
			}
			if (to == null && sample[1] >= records * 9 / 10) {
				to = sample;
			}
		}
		if (from == null || to == null || to[0] == from[0]) {
			return Double.NaN;
		}
		return (to[1] - from[1]) / ((to[0] - from[0]) / 1e9);
	}

	/**
	 * @param service the running ingest-service
	 * @param group its consumer group
	 * @param records records drained
	 * @param seconds from the first position in Redis to the last commit
	 * @param steadyRate fixes per second between 10% and 90% committed
	 * @param cores cores each process used meanwhile
	 */
	record Outcome(IngestService service, String group, long records, double seconds, double steadyRate,
			java.util.Map<String, Double> cores) {
	}

}
