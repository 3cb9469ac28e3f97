package io.fleetstream.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fleetstream.devinfra.RedisProcess;
import io.fleetstream.enrichment.state.StateKeys;

/**
 * The join benchmark (issue 6, section 7; docs/benchmark.md, "Join"): on one machine, a
 * real Kafka broker (its own JVM) and a real redis-server; the CDC topics hold a DMS full
 * load of the fleet, the telemetry topics a backlog of GPS and status records mixed as
 * the simulator sends them; then (a) enrichment-service (its own JVM, from its executable
 * jar) loads the snapshot and drains the backlog, (b) the same state writes go straight
 * into Redis through the service's own store, with no Kafka, parsing or merge, and (d)
 * the record-to-enriched-topic latency under a steady live load. (a) and (b) prove in
 * Redis that every car's state is the merge of all its records.
 */
public final class JoinBenchmarkMain {

	static final String ENRICHED_TOPIC = "cars.enriched.json";

	private static final long COMMIT_POLL_MS = 100;

	private final JoinOptions options;

	private final Report report;

	private final Path logDir;

	private JoinBenchmarkMain(JoinOptions options, Report report, Path logDir) {
		this.options = options;
		this.report = report;
		this.logDir = logDir;
	}

	public static void main(String[] args) throws Exception {
		JoinOptions options = JoinOptions.parse(args);
		Path logDir = Path.of(System.getProperty("bench.log-dir", "benchmark/target/join-benchmark-run"));
		Report report = new Report();
		report.line("FleetStream join benchmark (enrichment-service): %s", Machine.describe());
		report.line("load average at start: %s", Machine.loadAverage());
		options.describe().forEach((line) -> report.line("settings: %s", line));
		boolean passed = new JoinBenchmarkMain(options, report, logDir).run();
		report.line("load average at end: %s", Machine.loadAverage());
		report.save(logDir.resolve("result.txt"));
		System.out.println("(figures saved in " + logDir.resolve("result.txt") + ", process logs beside them)");
		System.exit(passed ? 0 : 1);
	}

	private boolean run() throws Exception {
		CpuMeter cpu = new CpuMeter();
		cpu.watch("harness", ProcessHandle.current().pid());
		int rounds = (int) Math.ceil(this.options.records() / (this.options.cars() * 1.33)) + 1;
		long firstSecondMs = System.currentTimeMillis() - (rounds + 600) * 1000L;
		try (RedisProcess redisServer = RedisProcess.startEphemeral();
				KafkaBroker broker = KafkaBroker.start(this.logDir, System.getProperty("bench.broker-jvm-args", ""));
				BenchRedis redis = new BenchRedis(redisServer.port());
				KafkaTopics topics = new KafkaTopics(broker.bootstrapServers())) {
			cpu.watch("kafka-broker", broker.pid());
			cpu.watch("redis-server", redis.pid());
			String bootstrap = broker.bootstrapServers();
			for (String topic : List.of(TelemetryMix.GPS_TOPIC, TelemetryMix.STATUS_TOPIC, "cdc.carinfo",
					"cdc.deviceinfo")) {
				topics.create(topic, this.options.partitions());
			}
			long started = System.nanoTime();
			SnapshotBenchmarkMain.produceFullLoad(bootstrap, "cdc.carinfo", "cdc.deviceinfo", this.options.cars());
			this.report.line("data: DMS full load of %,d cars and %,d devices produced in %.1f s", this.options.cars(),
					this.options.cars(), seconds(started));
			TelemetryMix.Generator backlog = new TelemetryMix.Generator(this.options.cars(), firstSecondMs);
			fill(backlog, bootstrap, topics);

			Drain a;
			try (EnrichmentService service = EnrichmentService.launch(this.options, bootstrap, redisServer.port(),
					this.logDir)) {
				cpu.watch("enrichment-service", service.pid());
				a = drain(service, topics, redis, cpu);
				JoinStateWrites writes = computeWrites(firstSecondMs);
				a = a.withCheck(writes.verify(redisServer.port()));
				reportDrain(a, topics);

				redis.flushAndResetStats();
				Raw b = raw(writes, redisServer.port(), redis, cpu);
				writes = null;

				redis.sync().configResetstat();
				Latency d = latency(service, backlog, bootstrap, topics, a.group(), cpu);
				return summary(a, b, d);
			}
		}
	}

	private void fill(TelemetryMix.Generator generator, String bootstrap, KafkaTopics topics) {
		long started = System.nanoTime();
		try (TelemetryProducer producer = TelemetryProducer.forBacklog(bootstrap)) {
			for (int i = 0; i < this.options.records(); i++) {
				producer.send(generator.next(-1));
			}
			producer.flush();
		}
		this.report.line("data: %,d telemetry records (%,d GPS, %,d status) produced in %.1f s (lz4)",
				this.options.records(), topics.endOffsetSum(TelemetryMix.GPS_TOPIC),
				topics.endOffsetSum(TelemetryMix.STATUS_TOPIC), seconds(started));
	}

	private JoinStateWrites computeWrites(long firstSecondMs) {
		long started = System.nanoTime();
		JoinStateWrites writes = JoinStateWrites.compute(new TelemetryMix.Generator(this.options.cars(), firstSecondMs),
				this.options.records(), this.options.partitions(), this.options.rawThreads(),
				this.options.maxPollRecords());
		this.report.line(
				"data: expected state and the raw phase's batches computed in %.1f s (%,d cars, %,d "
						+ "script calls after coalescing per batch)",
				seconds(started), writes.cars(), writes.scriptCalls());
		return writes;
	}

	/**
	 * (a) The clock starts at the first state write (the snapshot is loaded by then: the
	 * telemetry route starts after the CDC route has caught up) and stops when the group
	 * has committed every record; offsets are committed only after the batch's state is
	 * in Redis and its enriched records are acknowledged, so every record is applied.
	 */
	private Drain drain(EnrichmentService service, KafkaTopics topics, BenchRedis redis, CpuMeter cpu) {
		long records = topics.endOffsetSum(TelemetryMix.GPS_TOPIC) + topics.endOffsetSum(TelemetryMix.STATUS_TOPIC);
		AtomicReference<CpuMeter.Snapshot> firstWrite = new AtomicReference<>();
		String[] partitionKeys = new String[this.options.partitions()];
		for (int p = 0; p < partitionKeys.length; p++) {
			partitionKeys[p] = StateKeys.partition(p);
		}
		Thread watcher = new Thread(() -> {
			while (redis.sync().exists(partitionKeys) == 0) {
				Pause.millis(2);
			}
			firstWrite.set(cpu.snapshot());
			// the snapshot's own writes before it are not the join's
			redis.sync().configResetstat();
		}, "first-state-write");
		watcher.setDaemon(true);
		watcher.start();
		service.awaitReady(Duration.ofSeconds(Long.getLong("bench.service-start-seconds", 300)));
		String group = awaitGroup(service, topics);
		List<long[]> progress = new ArrayList<>();
		long committed = 0;
		long deadline = System.nanoTime() + Duration.ofSeconds(Long.getLong("bench.drain-seconds", 3600)).toNanos();
		while (committed < records) {
			service.ensureAlive();
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("enrichment-service committed " + committed + " of " + records
						+ " records within -Dbench.drain-seconds, see " + service.log());
			}
			Pause.millis(COMMIT_POLL_MS);
			committed = topics.committedSum(group, TelemetryMix.GPS_TOPIC)
					+ topics.committedSum(group, TelemetryMix.STATUS_TOPIC);
			progress.add(new long[] { System.nanoTime(), committed });
		}
		CpuMeter.Snapshot end = cpu.snapshot();
		while (firstWrite.get() == null) {
			Pause.millis(1);
		}
		CpuMeter.Snapshot start = firstWrite.get();
		return new Drain(group, records, (end.nanoTime() - start.nanoTime()) / 1e9, steadyRate(progress, records),
				end.coresSince(start), redis.commandStats(), service.scrapeMetrics(), null);
	}

	private String awaitGroup(EnrichmentService service, KafkaTopics topics) {
		for (int attempt = 0; attempt < 1200; attempt++) {
			service.ensureAlive();
			List<String> groups = topics.groupsConsuming(TelemetryMix.GPS_TOPIC, List.of());
			if (groups.size() == 1) {
				return groups.get(0);
			}
			if (groups.size() > 1) {
				throw new IllegalStateException("Several groups consume the telemetry topics: " + groups);
			}
			Pause.millis(50);
		}
		throw new IllegalStateException("enrichment-service committed nothing within 60 s, see " + service.log());
	}

	private void reportDrain(Drain a, KafkaTopics topics) {
		this.report.line("(a) end to end: enrichment-service loads the snapshot, then joins the pre-filled backlog");
		this.report.line(
				"    %,d records in %.2f s = %,.0f records/s (steady rate, 10%%..90%% committed: %,.0f/s; "
						+ "group '%s')",
				a.records(), a.seconds(), a.records() / a.seconds(), a.steadyRate(), a.group());
		this.report.line("    %s", a.check().summary());
		long enriched = topics.endOffsetSum(ENRICHED_TOPIC);
		double unknown = Exposition.sum(a.metrics(), "fleet_enrichment_unknown_car_total", "");
		double deadLettered = Exposition.sum(a.metrics(), "fleet_records_deadlettered_total", "");
		this.report.line("    %,d enriched records on %s (%s); %,.0f of unknown cars, %,.0f dead-lettered", enriched,
				ENRICHED_TOPIC, (enriched >= a.records()) ? "one per record or more" : "FEWER THAN THE RECORDS",
				unknown, deadLettered);
		this.report.line("    CPU cores used: %s", Report.cores(a.cores()));
		this.report.line("    CPU time per record: %s", perRecord(a.cores(), a.seconds(), a.records()));
		redisCost(a.commandStats(), a.records()).forEach((line) -> this.report.line("    %s", line));
		loaderTimes(a.metrics(), a.records()).forEach((line) -> this.report.line("    %s", line));
	}

	/** (b) The same state writes, batched and coalesced as the service does. */
	private Raw raw(JoinStateWrites writes, int redisPort, BenchRedis redis, CpuMeter cpu) throws Exception {
		CpuMeter.Snapshot start = cpu.snapshot();
		double seconds = writes.writeAll(redisPort);
		CpuMeter.Snapshot end = cpu.snapshot();
		Map<String, String> stats = redis.commandStats();
		JoinStateWrites.StateCheck check = writes.verify(redisPort);
		Raw raw = new Raw(writes.records(), seconds, check, end.coresSince(start));
		this.report.line(
				"(b) raw: the same state writes, %d threads x batches of %,d records, through the "
						+ "service's CarStateStore, no Kafka",
				this.options.rawThreads(), this.options.maxPollRecords());
		this.report.line("    %,d records' writes in %.2f s = %,.0f records/s", raw.records(), seconds,
				raw.records() / seconds);
		this.report.line("    %s", check.summary());
		this.report.line("    CPU cores used: %s", Report.cores(raw.cores()));
		redisCost(stats, raw.records()).forEach((line) -> this.report.line("    %s", line));
		return raw;
	}

	/** (d) Latency until the enriched record is acknowledged, at a steady live rate. */
	private Latency latency(EnrichmentService service, TelemetryMix.Generator generator, String bootstrap,
			KafkaTopics topics, String group, CpuMeter cpu) throws Exception {
		long maxLag = 0;
		try (TelemetryProducer load = TelemetryProducer.forSteadyRate(bootstrap)
			.startSteady(generator, this.options.steadyRate())) {
			Pause.millis(this.options.steadyWarmupSeconds() * 1000L);
			String before = service.scrapeMetrics();
			long sentBefore = load.sent();
			CpuMeter.Snapshot start = cpu.snapshot();
			long deadline = start.nanoTime() + this.options.steadySeconds() * 1_000_000_000L;
			while (System.nanoTime() < deadline) {
				Pause.millis(Math.min(1000, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
				service.ensureAlive();
				long end = topics.endOffsetSum(TelemetryMix.GPS_TOPIC) + topics.endOffsetSum(TelemetryMix.STATUS_TOPIC);
				long committed = topics.committedSum(group, TelemetryMix.GPS_TOPIC)
						+ topics.committedSum(group, TelemetryMix.STATUS_TOPIC);
				maxLag = Math.max(maxLag, end - committed);
			}
			String after = service.scrapeMetrics();
			Files.writeString(this.logDir.resolve("metrics-before-d.txt"), before);
			Files.writeString(this.logDir.resolve("metrics-after-d.txt"), after);
			CpuMeter.Snapshot end = cpu.snapshot();
			double seconds = (end.nanoTime() - start.nanoTime()) / 1e9;
			Latency d = new Latency((load.sent() - sentBefore) / seconds, seconds, maxLag,
					LatencyHistogram.parse(after, "event").since(LatencyHistogram.parse(before, "event")),
					LatencyHistogram.parse(after, "broker").since(LatencyHistogram.parse(before, "broker")),
					end.coresSince(start));
			this.report.line("(d) record-to-enriched-topic latency at a steady %,d records/s (event ts = now; until "
					+ "the state is in Redis and the enriched record acknowledged)", this.options.steadyRate());
			this.report.line("    produced %,.0f records/s for %.1f s; largest consumer lag sampled: %,d records",
					d.producedPerSecond(), d.seconds(), d.maxLag());
			latencyLine("from event ts", d.fromEvent());
			latencyLine("from Kafka ts", d.fromBroker());
			this.report.line("    CPU cores used: %s", Report.cores(d.cores()));
			this.report.line("    CPU time per record: %s",
					perRecord(d.cores(), d.seconds(), (long) (d.producedPerSecond() * d.seconds())));
			return d;
		}
	}

	private void latencyLine(String label, LatencyHistogram histogram) {
		if (histogram.count() == 0) {
			this.report.line("    %s: no records observed", label);
			return;
		}
		this.report.line("    %s: p50 %.1f ms, p99 %.1f ms, max <= %.0f ms (%,d records)", label,
				histogram.quantileMs(0.5), histogram.quantileMs(0.99), histogram.maxBoundMs(), histogram.count());
	}

	private boolean summary(Drain a, Raw b, Latency d) {
		this.report.line("summary");
		double join = a.records() / a.seconds();
		double raw = b.records() / b.seconds();
		this.report.line("    (a) join            %,10.0f records/s", join);
		this.report.line("    (b) raw writes      %,10.0f records/s", raw);
		this.report.line("    (a)/(b) = %.2f   target >= 0.5: %s", join / raw, Report.verdict(join / raw >= 0.5));
		boolean observed = d.fromEvent().count() > 0;
		if (observed) {
			double p99 = d.fromEvent().quantileMs(0.99);
			this.report.line("    (d) p50 %.1f ms, p99 %.1f ms at %,.0f records/s   target p99 < 100 ms: %s",
					d.fromEvent().quantileMs(0.5), p99, d.producedPerSecond(), Report.verdict(p99 < 100));
		}
		boolean verified = a.check().passed() && b.check().passed() && observed;
		this.report.line("    (a) and (b) verified in Redis, (d) observed: %s", verified ? "yes" : "NO");
		return verified;
	}

	private static String perRecord(Map<String, Double> cores, double seconds, long records) {
		List<String> parts = new ArrayList<>();
		cores.forEach((process, used) -> {
			if (!process.equals("others") && used >= 0.01) {
				parts.add(String.format(Locale.ROOT, "%s %.1f us", process, used * seconds * 1e6 / records));
			}
		});
		return String.join(", ", parts);
	}

	/**
	 * Redis command time per record, every command shown (scripts include what they
	 * call).
	 */
	private static List<String> redisCost(Map<String, String> stats, long records) {
		Pattern calls = Pattern.compile("calls=(\\d+),usec=(\\d+)");
		List<String> lines = new ArrayList<>();
		long total = 0;
		for (Map.Entry<String, String> command : stats.entrySet()) {
			Matcher matcher = calls.matcher(command.getValue());
			if (matcher.find() && !command.getKey().equals("config") && !command.getKey().equals("exists")
					&& !command.getKey().equals("info")) {
				long count = Long.parseLong(matcher.group(1));
				long usec = Long.parseLong(matcher.group(2));
				total += usec;
				lines.add(String.format(Locale.ROOT, "redis %s: %,d calls, %.1f us/call, %.2f records/call",
						command.getKey(), count, (double) usec / Math.max(1, count),
						(double) records / Math.max(1, count)));
			}
		}
		lines.add(String.format(Locale.ROOT, "redis time per record: %.2f us (%.2f s of Redis command time in all)",
				(double) total / Math.max(1, records), total / 1e6));
		return lines;
	}

	/**
	 * Where the service's batches spent their time, per loader
	 * ({@code fleet_load_duration_seconds}).
	 */
	private static List<String> loaderTimes(String metrics, long records) {
		List<String> lines = new ArrayList<>();
		for (String loader : List.of("car-state", "enriched-kafka", "schema-changes")) {
			double sum = Exposition.sum(metrics, "fleet_load_duration_seconds_sum", "loader=\"" + loader + "\"");
			double count = Exposition.sum(metrics, "fleet_load_duration_seconds_count", "loader=\"" + loader + "\"");
			if (count > 0) {
				lines.add(String.format(Locale.ROOT, "loader %s: %,.0f batches, %.1f ms/batch, %.1f us/record", loader,
						count, 1000 * sum / count, 1e6 * sum / records));
			}
		}
		return lines;
	}

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

	private static double seconds(long startNanos) {
		return (System.nanoTime() - startNanos) / 1e9;
	}

	record Drain(String group, long records, double seconds, double steadyRate, Map<String, Double> cores,
			Map<String, String> commandStats, String metrics, JoinStateWrites.StateCheck check) {

		Drain withCheck(JoinStateWrites.StateCheck check) {
			return new Drain(this.group, this.records, this.seconds, this.steadyRate, this.cores, this.commandStats,
					this.metrics, check);
		}

	}

	record Raw(long records, double seconds, JoinStateWrites.StateCheck check, Map<String, Double> cores) {
	}

	record Latency(double producedPerSecond, double seconds, long maxLag, LatencyHistogram fromEvent,
			LatencyHistogram fromBroker, Map<String, Double> cores) {
	}

	/** Sums of Prometheus exposition series. */
	static final class Exposition {

		private Exposition() {
		}

		/**
		 * The sum of every series of {@code name} whose labels contain {@code labels}.
		 */
		static double sum(String exposition, String name, String labels) {
			double sum = 0;
			for (String line : exposition.split("\n")) {
				if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
					int space = line.lastIndexOf(' ');
					String series = line.substring(0, space);
					if (series.contains(labels)) {
						sum += Double.parseDouble(line.substring(space + 1));
					}
				}
			}
			return sum;
		}

	}

}
