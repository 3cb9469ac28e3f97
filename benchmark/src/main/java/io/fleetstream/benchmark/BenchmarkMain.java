package io.fleetstream.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.fleetstream.devinfra.RedisProcess;
import io.fleetstream.ingest.position.PositionKeys;

/**
 * The ingest benchmark (issue 2, section 7; docs/benchmark.md): on one machine, a real
 * Kafka broker and a real redis-server; a topic pre-filled with the fleet's fixes; then
 * (a) ingest-service draining it, (b) the same writes straight into Redis, (c) a naive
 * per-record consumer, (d) latency under a steady live load, the consumers a user would
 * pick instead: (e) the reference design's pipelined GEOADD consumer and (f) a per-record
 * synchronous one, (r) the REST API under load ({@link RestApiPhase}) and, when asked
 * for, (k) the drain into a local Redis Cluster ({@link ClusterSpreadPhase}). Redis is
 * flushed between phases, and every throughput phase proves in Redis that it applied what
 * it claims.
 */
public final class BenchmarkMain {

	private BenchmarkMain() {
	}

	public static void main(String[] args) throws Exception {
		BenchmarkOptions options = BenchmarkOptions.parse(args);
		Path logDir = Path.of(System.getProperty("bench.log-dir", "benchmark/target/benchmark-run"));
		Report report = new Report();
		report.line("FleetStream ingest benchmark: %s", Machine.describe());
		report.line("load average at start: %s", Machine.loadAverage());
		options.describe().forEach((line) -> report.line("settings: %s", line));
		boolean passed = new BenchmarkMain().run(options, report, logDir);
		report.line("load average at end: %s", Machine.loadAverage());
		report.save(logDir.resolve("result.txt"));
		System.out.println("(figures saved in " + logDir.resolve("result.txt") + ", process logs beside them)");
		System.exit(passed ? 0 : 1);
	}

	private boolean run(BenchmarkOptions options, Report report, Path logDir) throws Exception {
		CpuMeter cpu = new CpuMeter();
		cpu.watch("harness", ProcessHandle.current().pid());
		PositionKeys keys = new PositionKeys(options.geoShards());
		long started = System.nanoTime();
		FleetDataset fleet = FleetDataset.generate(options.cars(), options.fixes(),
				System.currentTimeMillis() - (options.fixes() / options.cars() + 600) * 1000L, 42);
		report.line("data: %,d fixes for %,d cars generated in %.1f s", fleet.size(), fleet.cars(), seconds(started));
		IngestService ingest = null;
		try (RedisProcess redisServer = RedisProcess.startEphemeral();
				KafkaBroker broker = KafkaBroker.start(logDir, System.getProperty("bench.broker-jvm-args", ""));
				BenchRedis redis = new BenchRedis(redisServer.port());
				KafkaTopics topics = new KafkaTopics(broker.bootstrapServers())) {
			cpu.watch("kafka-broker", broker.pid());
			cpu.watch("redis-server", redis.pid());
			topics.create(options.topic(), options.partitions());
			fill(fleet, broker.bootstrapServers(), options.topic(), report);

			ThroughputResult a = null;
			String group = null;
			if (options.runs('a')) {
				redis.flushAndResetStats();
				EndToEndPhase.Outcome endToEnd = new EndToEndPhase(options, topics, redis, cpu)
					.run(broker.bootstrapServers(), redisServer.port(), logDir);
				ingest = endToEnd.service();
				group = endToEnd.group();
				a = endToEndResult(endToEnd, redis, keys, fleet);
				report.throughput("(a) end to end: ingest-service drains the pre-filled topic", a);
			}
			ThroughputResult b = null;
			if (options.runs('b')) {
				redis.flushAndResetStats();
				b = raw(options, fleet, redis, redisServer.port(), keys, cpu);
				report.throughput(
						String.format("(b) raw ceiling: the position writer, %d threads x batches of %,d, no Kafka",
								options.rawThreads(), options.rawBatch()),
						b);
			}
			ThroughputResult c = null;
			if (options.runs('c')) {
				redis.flushAndResetStats();
				c = naive(options, fleet, redis, redisServer.port(), keys, cpu, broker.bootstrapServers());
				report.throughput(String.format("(c) naive per-record consumer (first %,d fixes)", c.fixes()), c);
			}
			ThroughputResult e = null;
			if (options.runs('e')) {
				redis.flushAndResetStats();
				e = reference(ReferenceConsumerPhase.Mode.PIPELINED, fleet.size(), fleet, redis, redisServer.port(),
						cpu, broker.bootstrapServers(), options.topic());
				report.throughput(String.format(
						"(e) reference design: plain consumer, auto-commit, pipelined GEOADD per record (%,d fixes)",
						e.fixes()), e);
			}
			ThroughputResult f = null;
			if (options.runs('f')) {
				redis.flushAndResetStats();
				f = reference(ReferenceConsumerPhase.Mode.SYNCHRONOUS, Math.min(options.naiveFixes(), fleet.size()),
						fleet, redis, redisServer.port(), cpu, broker.bootstrapServers(), options.topic());
				report.throughput(String.format(
						"(f) per-record synchronous listener: one blocking GEOADD per record (first %,d fixes)",
						f.fixes()), f);
			}
			// before (d), which appends live fixes to the topic: (k) drains and verifies
			// exactly the fleet's data set
			if (options.runs('k')) {
				new ClusterSpreadPhase(options, topics, cpu).run(fleet, broker.bootstrapServers(), logDir, report);
			}
			SteadyLatencyPhase.Outcome d = null;
			if (options.runs('d')) {
				redis.flushAndResetStats();
				d = new SteadyLatencyPhase(options, topics, cpu).run(fleet, broker.bootstrapServers(), ingest, group,
						logDir);
				report.latency(d, options.steadyRate());
			}
			if (options.runs('r')) {
				redis.flushAndResetStats();
				new RestApiPhase(options, cpu).run(fleet, broker.bootstrapServers(), redisServer.port(), logDir,
						report);
			}
			if (ingest != null) {
				ingest.close();
				ingest = null;
			}
			return new Summary(a, b, c, d, e, f).print(report);
		}
		finally {
			if (ingest != null) {
				ingest.close();
			}
		}
	}

	private static ThroughputResult endToEndResult(EndToEndPhase.Outcome endToEnd, BenchRedis redis, PositionKeys keys,
			FleetDataset fleet) {
		List<String> notes = new ArrayList<>();
		notes.add(String.format("steady rate (10%%..90%% committed): %,.0f fixes/s; consumer group '%s'",
				endToEnd.steadyRate(), endToEnd.group()));
		notes.addAll(RedisCost.describe(redis.commandStats(), endToEnd.records()));
		return new ThroughputResult(endToEnd.records(), endToEnd.seconds(),
				PositionCheck.verify(redis, keys, fleet, fleet.newestTs(fleet.size())), endToEnd.cores(), notes);
	}

	private static void fill(FleetDataset fleet, String bootstrapServers, String topic, Report report) {
		long started = System.nanoTime();
		try (FixProducer producer = FixProducer.forBacklog(bootstrapServers, topic)) {
			for (int i = 0; i < fleet.size(); i++) {
				producer.send(fleet.key(i), fleet.value(i));
			}
			producer.flush();
		}
		report.line("data: produced to %s in %.1f s (%,.0f fixes/s, lz4)", topic, seconds(started),
				fleet.size() / seconds(started));
	}

	private static ThroughputResult raw(BenchmarkOptions options, FleetDataset fleet, BenchRedis redis, int port,
			PositionKeys keys, CpuMeter cpu) throws Exception {
		try (FixWriter writer = IngestWriters.create(port, options)) {
			CpuMeter.Snapshot start = cpu.snapshot();
			double seconds = new RawWriterPhase(fleet, options.rawThreads(), options.rawBatch()).run(writer);
			CpuMeter.Snapshot end = cpu.snapshot();
			List<String> notes = RedisCost.describe(redis.commandStats(), fleet.size());
			return new ThroughputResult(fleet.size(), seconds,
					PositionCheck.verify(redis, keys, fleet, fleet.newestTs(fleet.size())), end.coresSince(start),
					notes);
		}
	}

	private static ThroughputResult naive(BenchmarkOptions options, FleetDataset fleet, BenchRedis redis, int port,
			PositionKeys keys, CpuMeter cpu, String bootstrapServers) {
		int limit = Math.min(options.naiveFixes(), fleet.size());
		try (FixWriter writer = IngestWriters.create(port, options)) {
			CpuMeter.Snapshot start = cpu.snapshot();
			NaiveConsumerPhase.Outcome outcome = new NaiveConsumerPhase(fleet, bootstrapServers, options.topic())
				.run(writer, limit);
			CpuMeter.Snapshot end = cpu.snapshot();
			List<String> notes = RedisCost.describe(redis.commandStats(), outcome.consumed());
			return new ThroughputResult(outcome.consumed(), outcome.seconds(),
					PositionCheck.verify(redis, keys, fleet, outcome.newestTs()), end.coresSince(start), notes);
		}
	}

	private static ThroughputResult reference(ReferenceConsumerPhase.Mode mode, int limit, FleetDataset fleet,
			BenchRedis redis, int port, CpuMeter cpu, String bootstrapServers, String topic) {
		CpuMeter.Snapshot start = cpu.snapshot();
		ReferenceConsumerPhase.Outcome outcome = new ReferenceConsumerPhase(fleet, bootstrapServers, topic, port)
			.run(mode, limit);
		CpuMeter.Snapshot end = cpu.snapshot();
		List<String> notes = RedisCost.describe(redis.commandStats(), outcome.consumed());
		return new ThroughputResult(outcome.consumed(), outcome.seconds(), PositionCheck.verifyGeo(redis,
				ReferenceConsumerPhase.GEO_KEY, fleet, outcome.lastLat(), outcome.lastLng()), end.coresSince(start),
				notes);
	}

	private static double seconds(long startNanos) {
		return (System.nanoTime() - startNanos) / 1e9;
	}

}
