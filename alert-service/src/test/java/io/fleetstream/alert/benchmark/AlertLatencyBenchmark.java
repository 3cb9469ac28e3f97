package io.fleetstream.alert.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import io.fleetstream.alert.AlertApplication;
import io.fleetstream.alert.delivery.SnsStandIn;
import io.fleetstream.alert.delivery.SnsStandIn.SnsRequest;
import io.fleetstream.devinfra.RedisProcess;
import io.fleetstream.testsupport.SharedKafkaBroker;
import io.fleetstream.testsupport.SharedRedis;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Alert latency: p50/p99 from an enriched record's arrival to the SNS Publish request it
 * causes, at the local {@link SnsStandIn}. The real alert-service runs in SNS mode with
 * the shipped rules as its own JVM, from its executable jar ({@code --in-process}: in
 * this JVM), against a real KRaft broker (in this JVM) and a real redis-server; a paced
 * producer sends {@code cars.enriched.json} records for {@code --cars} cars at
 * {@code --rate} records/s; a share of them ({@code --alert-share}) reports a crash
 * ({@code crash-detected}, {@code for: 0s}), the car's next record clears it. First a
 * warm-up of {@code --warmup} seconds, waited for until all its transitions are published
 * (the JIT compiles, no backlog is carried over), then {@code --seconds} measured. Each
 * FIRING and RESOLVED publish is matched to the record that caused it: latency = the
 * stand-in's receipt minus the moment that record was handed to the producer (so it
 * includes the producer's batching and the broker). Also reported: the transitions not
 * yet published when the wait ended (queued, not dropped), those published twice, and
 * each process's CPU per record.
 *
 * <p>
 * Not part of the test run; docs/alerts.md, "Benchmark", gives the commands. The figure
 * the issue asks for: {@code --rate=20000 --cars=20000 --seconds=60} (the defaults) on an
 * idle machine; {@code --quick} is a smoke run of about 2 minutes (2,000 records/s).
 */
public final class AlertLatencyBenchmark {

	private static final String TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:fleet-alerts-benchmark";

	private AlertLatencyBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Options options = Options.parse(args);
		System.out.printf(
				"Alert latency benchmark: %,d records/s for %d s over %,d cars, %.1f %% crash, warm-up %d s, "
						+ "SNS stand-in latency %d ms, alert-service %s%n",
				options.rate, options.seconds, options.cars, options.alertShare * 100, options.warmupSeconds,
				options.snsLatencyMs, options.inProcess ? "in this JVM" : "in its own JVM");
		// the SDK's default chain signs the requests to the stand-in (no real
		// credentials)
		System.setProperty("aws.accessKeyId", System.getProperty("aws.accessKeyId", "AKIAFLEETSTREAMBENCH"));
		System.setProperty("aws.secretAccessKey",
				System.getProperty("aws.secretAccessKey", "fleetstream-benchmark-not-a-secret"));
		String run = UUID.randomUUID().toString().substring(0, 8);
		String enriched = "bench.enriched." + run;
		String outlier = "bench.alerts." + run;
		String bootstrap = SharedKafkaBroker.bootstrapServers();
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
			admin.createTopics(List.of(new NewTopic(enriched, Optional.of(options.partitions), Optional.empty()),
					new NewTopic(outlier, Optional.of(options.partitions), Optional.empty())))
				.all()
				.get();
		}
		RedisProcess redis = SharedRedis.standalone();
		try (SnsStandIn sns = SnsStandIn.start();
				AutoCloseable service = startService(options, bootstrap, redis, sns, enriched, outlier, run)) {
			sns.respondAfter(Duration.ofMillis(options.snsLatencyMs));
			prime(bootstrap, enriched, sns, service);
			try (Load load = new Load(options, bootstrap, enriched)) {
				// warm-up at the rate (the JIT compiles the hot paths), drained before
				// the
				// measured phase starts, so that no warm-up backlog is measured
				Map<String, Long> warmup = new HashMap<>();
				load.send("warm-up", options.warmupSeconds, warmup);
				awaitPublishes(sns, warmup.keySet(), Duration.ofSeconds(options.maxWaitSeconds));
				Map<String, Long> sentNanos = new HashMap<>();
				ProcessCpu cpu = ProcessCpu.start(service);
				load.send("measured", options.seconds, sentNanos);
				awaitPublishes(sns, sentNanos.keySet(), Duration.ofSeconds(options.maxWaitSeconds));
				cpu.report((long) options.rate * options.seconds);
				report(options, sns, sentNanos);
			}
		}
		System.exit(0);
	}

	private static AutoCloseable startService(Options options, String bootstrap, RedisProcess redis, SnsStandIn sns,
			String enriched, String outlier, String run) throws IOException {
		List<String> args = new ArrayList<>(
				List.of("--spring.kafka.bootstrap-servers=" + bootstrap, "--spring.data.redis.host=" + redis.host(),
						"--spring.data.redis.port=" + redis.port(), "--server.port=0", "--management.server.port=0",
						"--fleet.security.open=true", "--fleet.routes.enriched.topics=" + enriched,
						"--fleet.routes.schema-changes.topics=bench.schema-changes." + run,
						"--fleet.alert.episodes.outlier-topic=" + outlier,
						"--spring.kafka.consumer.group-id=bench-" + run, "--fleet.kafka.create-topics=true",
						"--fleet.alert.sns.topic-arn=" + TOPIC_ARN, "--spring.cloud.aws.sns.endpoint=" + sns.endpoint(),
						"--spring.cloud.aws.region.static=eu-west-1", "--logging.level.io.fleetstream=WARN"));
		args.addAll(options.serviceArgs);
		if (options.inProcess) {
			ConfigurableApplicationContext context = new SpringApplicationBuilder(AlertApplication.class)
				.run(args.toArray(String[]::new));
			return context::close;
		}
		return ServiceJvm.start(options, args);
	}

	/**
	 * One crash, published, before the paced records: the service is then consuming (its
	 * consumer group joined, partitions assigned), so its start-up is not measured.
	 */
	private static void prime(String bootstrap, String topic, SnsStandIn sns, AutoCloseable service) {
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(),
				new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(topic, "bench-primer",
					record("bench-primer", System.currentTimeMillis(), true, CRASH)));
		}
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (sns.published().isEmpty()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The service published nothing within 3 minutes");
			}
			if (service instanceof ServiceJvm jvm) {
				jvm.ensureAlive();
			}
			LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
		}
	}

	/**
	 * The paced load: every car in turn, so each car sends every {@code cars / rate}
	 * seconds; a share of the records report a crash, the car's next record clears it.
	 * Its state (which car crashed) carries over from the warm-up to the measured phase.
	 */
	private static final class Load implements AutoCloseable {

		private final Options options;

		private final String topic;

		private final KafkaProducer<String, byte[]> producer;

		private final Random random = new Random(42);

		private final String[] cars;

		private final long[] lastEventTime;

		private final boolean[] crashed;

		private final String[] firingEpisode;

		private final RecordTemplates templates = new RecordTemplates();

		private long next;

		Load(Options options, String bootstrap, String topic) {
			this.options = options;
			this.topic = topic;
			Map<String, Object> config = new HashMap<>();
			config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
			config.put(ProducerConfig.ACKS_CONFIG, "all");
			config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
			// as enrichment-service produces cars.enriched.json (its application.yaml)
			config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
			config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
			this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
			this.cars = new String[options.cars];
			this.lastEventTime = new long[options.cars];
			this.crashed = new boolean[options.cars];
			this.firingEpisode = new String[options.cars];
			for (int car = 0; car < options.cars; car++) {
				this.cars[car] = String.format("bench-car-%06d", car);
			}
		}

		/**
		 * Sends {@code seconds} of records at the rate, each at its due time (a send
		 * running late is sent at once, so the rate holds on average); puts the moment
		 * each FIRING and RESOLVED cause was handed to the producer into {@code sent}.
		 */
		void send(String phase, int seconds, Map<String, Long> sent) {
			long total = (long) this.options.rate * seconds;
			long intervalNanos = 1_000_000_000L / this.options.rate;
			long start = System.nanoTime();
			long late = 0;
			long maxLateNanos = 0;
			for (long i = 0; i < total; i++) {
				long due = start + i * intervalNanos;
				long now = System.nanoTime();
				if (due > now) {
					LockSupport.parkNanos(due - now);
				}
				else {
					maxLateNanos = Math.max(maxLateNanos, now - due);
					if (now - due > 100_000_000L) {
						late++;
					}
				}
				int car = (int) (this.next++ % this.options.cars);
				long eventTime = Math.max(System.currentTimeMillis(), this.lastEventTime[car] + 1);
				this.lastEventTime[car] = eventTime;
				String key = null;
				boolean crash = false;
				if (this.crashed[car]) {
					key = this.firingEpisode[car] + ":RESOLVED";
					this.crashed[car] = false;
				}
				else if (this.random.nextDouble() < this.options.alertShare) {
					crash = true;
					this.crashed[car] = true;
					this.firingEpisode[car] = this.cars[car] + "~crash-detected~" + eventTime;
					key = this.firingEpisode[car] + ":FIRING";
				}
				byte[] value = this.templates.record(this.cars[car], eventTime, crash, changed(key != null, crash));
				if (key != null) {
					sent.put(key, System.nanoTime());
				}
				this.producer.send(new ProducerRecord<>(this.topic, this.cars[car], value));
			}
			this.producer.flush();
			double elapsed = (System.nanoTime() - start) / 1e9;
			System.out.printf(
					"%s: sent %,d records in %.1f s (%,.0f records/s; %,d sends more than 100 ms behind schedule, "
							+ "the latest %.0f ms)%n",
					phase, total, elapsed, total / elapsed, late, maxLateNanos / 1e6);
		}

		/**
		 * The paths the record changed (indexes into {@link #STATE_PATHS}), as
		 * enrichment-service lists them: the crash flags when they are set or cleared,
		 * else a GPS fix for three records in four, a status update of one to three
		 * signals for the fourth (the simulator's mix, as the benchmark module's
		 * TelemetryMix generates it).
		 */
		private int[] changed(boolean crashFlagChanged, boolean crash) {
			if (crashFlagChanged) {
				return crash ? CRASH : CRASH_CLEARED;
			}
			if (this.random.nextInt(4) != 0) {
				return GPS_FIX;
			}
			int[] changed = new int[1 + this.random.nextInt(3)];
			for (int i = 0; i < changed.length; i++) {
				changed[i] = STATUS_CHANGES[this.random.nextInt(STATUS_CHANGES.length)];
			}
			return changed;
		}

		@Override
		public void close() {
			this.producer.close();
		}

	}

	/**
	 * The simulator's 25 signals and a GPS fix, as enrichment-service holds them for a
	 * car (local-stack's {@code Signal}; the benchmark module's TelemetryMix), in the
	 * state's order; the crash and airbag flags are set per record.
	 */
	private static final String STATE = "\"engine.on\":true,\"engine.rpm\":2100,\"engine.coolantTempC\":90.5,"
			+ "\"engine.oil.level\":\"ok\",\"engine.oil.tempC\":95.2,\"body.doors.frontLeft\":\"closed\","
			+ "\"body.doors.frontRight\":\"closed\",\"body.doors.rearLeft\":\"closed\",\"body.doors.rearRight\":\"closed\","
			+ "\"body.doors.trunk\":\"closed\",\"body.locked\":false,\"body.lights.headlights\":\"OFF\","
			+ "\"body.lights.highBeam\":\"OFF\",\"body.lights.parking\":\"OFF\",\"battery.voltage\":12.6,"
			+ "\"battery.socPct\":80.0,\"fuel.levelPct\":61.5,\"tires.pressureKpa.frontLeft\":230,"
			+ "\"tires.pressureKpa.frontRight\":231,\"tires.pressureKpa.rearLeft\":228,\"tires.pressureKpa.rearRight\":229,"
			+ "\"speedKmh\":42,\"odometerKm\":48211.7,\"gps.lat\":37.5665,\"gps.lng\":126.978,\"gps.speedKmh\":42.5,"
			+ "\"gps.heading\":180";

	private static final String[] STATE_PATHS = { "engine.on", "engine.rpm", "engine.coolantTempC", "engine.oil.level",
			"engine.oil.tempC", "body.doors.frontLeft", "body.doors.frontRight", "body.doors.rearLeft",
			"body.doors.rearRight", "body.doors.trunk", "body.locked", "body.lights.headlights", "body.lights.highBeam",
			"body.lights.parking", "battery.voltage", "battery.socPct", "fuel.levelPct", "tires.pressureKpa.frontLeft",
			"tires.pressureKpa.frontRight", "tires.pressureKpa.rearLeft", "tires.pressureKpa.rearRight", "speedKmh",
			"odometerKm", "gps.lat", "gps.lng", "gps.speedKmh", "gps.heading", "safety.crashDetected",
			"safety.airbagDeployed" };

	private static final int[] GPS_FIX = { 23, 24, 25, 26 };

	private static final int[] CRASH = { 27, 28 };

	private static final int[] CRASH_CLEARED = { 27 };

	/**
	 * The simulator's signals that change while driving: engine.rpm, coolant, oil
	 * temperature, voltage, charge, fuel, a tyre, speed, odometer, lock, a door.
	 */
	private static final int[] STATUS_CHANGES = { 1, 2, 4, 14, 15, 16, 17, 21, 22, 10, 5 };

	/**
	 * A {@code cars.enriched.json} value as enrichment-service writes it
	 * (docs/enriched-message.md): the car's whole state (about 2 KB) with every path's
	 * event time; the paths of this update at the record's time, the others a few seconds
	 * older.
	 */
	static byte[] record(String carId, long eventTime, boolean crash, int[] changed) {
		StringBuilder json = new StringBuilder(2400);
		json.append("{\"carId\":\"")
			.append(carId)
			.append("\",\"eventTime\":")
			.append(eventTime)
			.append(",\"processingTime\":")
			.append(eventTime)
			.append(",\"source\":{\"topic\":\"cars.status.json\",\"partition\":0,\"offset\":1},\"changed\":[");
		boolean[] now = new boolean[STATE_PATHS.length];
		for (int i = 0; i < changed.length; i++) {
			json.append((i > 0) ? ",\"" : "\"").append(STATE_PATHS[changed[i]]).append('"');
			now[changed[i]] = true;
		}
		json.append("],\"state\":{")
			.append(STATE)
			.append(",\"safety.crashDetected\":")
			.append(crash)
			.append(",\"safety.airbagDeployed\":")
			.append(crash)
			.append("},\"stateTimes\":{");
		for (int i = 0; i < STATE_PATHS.length; i++) {
			json.append((i > 0) ? ",\"" : "\"")
				.append(STATE_PATHS[i])
				.append("\":")
				.append(now[i] ? eventTime : eventTime - 3000);
		}
		// the rest is the same for every record (and the only non-ASCII part)
		json.append('}');
		byte[] head = json.toString().getBytes(StandardCharsets.US_ASCII);
		byte[] value = Arrays.copyOf(head, head.length + REFERENCE.length);
		System.arraycopy(REFERENCE, 0, value, head.length, REFERENCE.length);
		return value;
	}

	private static final byte[] REFERENCE = (",\"reference\":{\"plate\":\"12가3456\",\"model\":\"Ioniq 5\","
			+ "\"zone\":\"gangnam\",\"fuel_type\":\"EV\",\"device_id\":\"dev-7\",\"firmware\":\"3.2.1\"},"
			+ "\"referenceKnown\":true}")
		.getBytes(StandardCharsets.UTF_8);

	/**
	 * The records of {@link #record}, pre-serialised once per kind of update (which paths
	 * it changed, whether it reports a crash) and patched per send: the car id and the
	 * record's times are fixed-width fields (16 characters, 13 digits), so a send copies
	 * about 2 KB and writes them, instead of formatting the whole state again. Byte for
	 * byte the same records ({@code RecordTemplatesTests}): same shape, size and
	 * {@code changed} mix, the same zstd batches. Falls back to {@link #record} for any
	 * other width.
	 */
	static final class RecordTemplates {

		private static final String CAR = "@@@@@@@@@@@@@@@@";

		private static final long NOW = 9_999_999_999_999L;

		private static final byte[] NOW_DIGITS = Long.toString(NOW).getBytes(StandardCharsets.US_ASCII);

		private static final byte[] EARLIER_DIGITS = Long.toString(NOW - 3000).getBytes(StandardCharsets.US_ASCII);

		private final Map<Long, Template> templates = new HashMap<>();

		byte[] record(String carId, long eventTime, boolean crash, int[] changed) {
			if (carId.length() != CAR.length() || eventTime - 3000 < 1_000_000_000_000L || eventTime > NOW) {
				return AlertLatencyBenchmark.record(carId, eventTime, crash, changed);
			}
			long kind = crash ? 1 : 0;
			for (int path : changed) {
				kind = kind * 64 + path + 1;
			}
			kind = kind * 8 + changed.length;
			// spread over the map's bins (the kinds differ in few low bits)
			Template template = this.templates.computeIfAbsent(kind * 0x9E3779B97F4A7C15L,
					(k) -> Template.of(AlertLatencyBenchmark.record(CAR, NOW, crash, changed)));
			return template.fill(carId, eventTime);
		}

		private record Template(byte[] bytes, int car, int[] now, int[] earlier) {

			static Template of(byte[] record) {
				return new Template(record, positions(record, CAR.getBytes(StandardCharsets.US_ASCII))[0],
						positions(record, NOW_DIGITS), positions(record, EARLIER_DIGITS));
			}

			private static int[] positions(byte[] record, byte[] field) {
				List<Integer> positions = new ArrayList<>();
				for (int at = 0; at + field.length <= record.length; at++) {
					if (Arrays.equals(record, at, at + field.length, field, 0, field.length)) {
						positions.add(at);
					}
				}
				return positions.stream().mapToInt(Integer::intValue).toArray();
			}

			byte[] fill(String carId, long eventTime) {
				byte[] value = this.bytes.clone();
				byte[] car = carId.getBytes(StandardCharsets.US_ASCII);
				System.arraycopy(car, 0, value, this.car, car.length);
				byte[] now = digits(eventTime);
				byte[] earlier = digits(eventTime - 3000);
				for (int at : this.now) {
					System.arraycopy(now, 0, value, at, now.length);
				}
				for (int at : this.earlier) {
					System.arraycopy(earlier, 0, value, at, earlier.length);
				}
				return value;
			}

			/** A 13-digit time's ASCII digits. */
			private static byte[] digits(long time) {
				byte[] digits = new byte[NOW_DIGITS.length];
				for (int at = digits.length - 1; at >= 0; at--) {
					digits[at] = (byte) ('0' + time % 10);
					time /= 10;
				}
				return digits;
			}

		}

	}

	/**
	 * Waits until every measured transition is published, or the timeout: what is still
	 * missing then is queued behind a consumer that has not caught up, not dropped.
	 */
	private static void awaitPublishes(SnsStandIn sns, Set<String> measured, Duration timeout) {
		long start = System.nanoTime();
		long deadline = start + timeout.toNanos();
		// only the requests that arrived since the last look are read: the stand-in has
		// tens of thousands by the end, and the harness's CPU is measured too
		Set<String> missingKeys = new HashSet<>(measured);
		int seen = 0;
		while (true) {
			List<SnsRequest> requests = sns.requests();
			for (SnsRequest request : requests.subList(seen, requests.size())) {
				if (request.messageId() != null) {
					missingKeys.remove(notificationKey(request));
				}
			}
			seen = requests.size();
			long missing = missingKeys.size();
			if (missing == 0) {
				System.out.printf("all %,d transitions published %.1f s after the last send%n", measured.size(),
						(System.nanoTime() - start) / 1e9);
				return;
			}
			if (System.nanoTime() > deadline) {
				System.out.printf("stopped waiting %s after the last send: %,d of %,d transitions "
						+ "not yet published (still queued, not dropped)%n", timeout, missing, measured.size());
				return;
			}
			LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
		}
	}

	private static String notificationKey(SnsRequest request) {
		return request.attribute("episodeId") + ":" + request.attribute("state");
	}

	private static void report(Options options, SnsStandIn sns, Map<String, Long> sentNanos) {
		Map<String, List<SnsRequest>> byNotification = new HashMap<>();
		for (SnsRequest request : sns.published()) {
			if ("bench-primer".equals(request.attribute("carId"))) {
				continue;
			}
			byNotification.computeIfAbsent(notificationKey(request), (id) -> new ArrayList<>()).add(request);
		}
		long[] latencies = new long[sentNanos.size()];
		int measured = 0;
		int notYetPublished = 0;
		for (Map.Entry<String, Long> sent : sentNanos.entrySet()) {
			List<SnsRequest> requests = byNotification.get(sent.getKey());
			if (requests == null) {
				notYetPublished++;
				continue;
			}
			latencies[measured++] = requests.get(0).receivedNanos() - sent.getValue();
		}
		long duplicated = byNotification.values().stream().filter((requests) -> requests.size() > 1).count();
		long[] sorted = Arrays.copyOf(latencies, measured);
		Arrays.sort(sorted);
		System.out.printf(
				"transitions measured: %,d (in the %d s after the warm-up); SNS publishes in all: %,d; "
						+ "not yet published: %,d; published more than once: %,d%n",
				measured, options.seconds, sns.published().size(), notYetPublished, duplicated);
		if (measured > 0) {
			System.out.printf("record -> SNS publish latency: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
					percentile(sorted, 0.50), percentile(sorted, 0.90), percentile(sorted, 0.99),
					sorted[measured - 1] / 1e6);
		}
	}

	private static double percentile(long[] sorted, double quantile) {
		int index = (int) Math.ceil(quantile * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
	}

	/**
	 * {@code --quick}, or
	 * {@code --rate= --cars= --seconds= --warmup= --alert-share= --partitions=},
	 * {@code --sns-latency-ms=} (the stand-in answers each Publish that late),
	 * {@code --max-wait=} (seconds to wait for the publishes after the last send),
	 * {@code --service-heap=}, {@code --service-arg=--name=value} (repeatable: a property
	 * for alert-service), {@code --in-process} (alert-service in this JVM, as before).
	 */
	private record Options(int rate, int cars, int seconds, int warmupSeconds, double alertShare, int partitions,
			int snsLatencyMs, int maxWaitSeconds, String serviceHeap, List<String> serviceArgs, boolean inProcess) {

		static Options parse(String[] args) {
			Map<String, String> values = new HashMap<>(
					Map.of("rate", "20000", "cars", "20000", "seconds", "60", "warmup", "30", "alert-share", "0.01",
							"partitions", "4", "sns-latency-ms", "0", "max-wait", "120", "service-heap", "1g"));
			List<String> serviceArgs = new ArrayList<>();
			boolean inProcess = false;
			for (String arg : args) {
				if (arg.equals("--quick")) {
					values.putAll(Map.of("rate", "2000", "cars", "2000", "seconds", "20", "warmup", "20"));
				}
				else if (arg.equals("--in-process")) {
					inProcess = true;
				}
				else if (arg.startsWith("--service-arg=")) {
					serviceArgs.add(arg.substring("--service-arg=".length()));
				}
				else if (arg.startsWith("--") && arg.contains("=")
						&& values.containsKey(arg.substring(2, arg.indexOf('=')))) {
					values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
				}
				else {
					throw new IllegalArgumentException("Unknown argument " + arg
							+ " (--quick, --rate=, --cars=, --seconds=, --warmup=, --alert-share=, --partitions=, "
							+ "--sns-latency-ms=, --max-wait=, --service-heap=, --service-arg=, --in-process)");
				}
			}
			return new Options(Integer.parseInt(values.get("rate")), Integer.parseInt(values.get("cars")),
					Integer.parseInt(values.get("seconds")), Integer.parseInt(values.get("warmup")),
					Double.parseDouble(values.get("alert-share")), Integer.parseInt(values.get("partitions")),
					Integer.parseInt(values.get("sns-latency-ms")), Integer.parseInt(values.get("max-wait")),
					values.get("service-heap"), List.copyOf(serviceArgs), inProcess);
		}

	}

	/**
	 * alert-service from its executable jar ({@code -Dbench.alert-jar}, else
	 * {@code alert-service/target/*-exec.jar}) as its own JVM: its heap, GC, JIT and CPU
	 * apart from the broker's and the load generator's. Its output goes to a log file.
	 */
	private static final class ServiceJvm implements AutoCloseable {

		private final Process process;

		private final Path log;

		private ServiceJvm(Process process, Path log) {
			this.process = process;
			this.log = log;
		}

		static ServiceJvm start(Options options, List<String> args) throws IOException {
			List<String> command = new ArrayList<>(List.of(
					Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms" + options.serviceHeap,
					"-Xmx" + options.serviceHeap, "-Daws.accessKeyId=" + System.getProperty("aws.accessKeyId"),
					"-Daws.secretAccessKey=" + System.getProperty("aws.secretAccessKey")));
			String jvmOptions = System.getProperty("bench.service-jvm-options", "");
			if (!jvmOptions.isBlank()) {
				command.addAll(Arrays.asList(jvmOptions.trim().split("\\s+")));
			}
			command.addAll(List.of("-jar", executableJar().toString()));
			command.addAll(args);
			Path log = Files.createTempFile("alert-latency-service-", ".log");
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			System.out.printf("alert-service: pid %d, log %s%n", process.pid(), log);
			return new ServiceJvm(process, log);
		}

		private static Path executableJar() throws IOException {
			String configured = System.getProperty("bench.alert-jar");
			if (configured != null) {
				return Path.of(configured);
			}
			try (Stream<Path> files = Files.list(Path.of("alert-service", "target"))) {
				return files.filter((file) -> file.getFileName().toString().endsWith("-exec.jar"))
					.findFirst()
					.orElseThrow(() -> new IllegalStateException("No alert-service/target/*-exec.jar: build with "
							+ "./mvnw -o -q package -pl alert-service -am -DskipTests (or pass --in-process)"));
			}
		}

		long pid() {
			return this.process.pid();
		}

		void ensureAlive() {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						"alert-service exited with " + this.process.exitValue() + ", see " + this.log);
			}
		}

		@Override
		public void close() throws InterruptedException {
			this.process.destroy();
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}

	}

	/**
	 * CPU time of each process from the first send until the last publish (or the end of
	 * the wait), from {@code /proc/<pid>/stat} (user + system, in USER_HZ = 100 ticks a
	 * second): alert-service, redis-server, and this JVM (the broker, the producer, the
	 * SNS stand-in; alert-service too with {@code --in-process}).
	 */
	private static final class ProcessCpu {

		private final Map<String, Long> pids;

		private final Map<String, Long> startTicks = new LinkedHashMap<>();

		private final long startNanos = System.nanoTime();

		private final Map<HarnessThread, Long> startThreadTicks = threadTicks();

		private ProcessCpu(Map<String, Long> pids) {
			this.pids = pids;
			pids.forEach((name, pid) -> this.startTicks.put(name, ticks(pid)));
		}

		static ProcessCpu start(AutoCloseable service) {
			Map<String, Long> pids = new LinkedHashMap<>();
			if (service instanceof ServiceJvm jvm) {
				pids.put("alert-service", jvm.pid());
				pids.put("harness (broker, producer, SNS stand-in)", ProcessHandle.current().pid());
			}
			else {
				pids.put("harness with alert-service (broker, producer, SNS stand-in, service)",
						ProcessHandle.current().pid());
			}
			ProcessHandle.current()
				.descendants()
				.filter((process) -> process.info().command().orElse("").contains("redis-server"))
				.findFirst()
				.ifPresent((process) -> pids.put("redis-server", process.pid()));
			return new ProcessCpu(pids);
		}

		void report(long records) {
			double seconds = (System.nanoTime() - this.startNanos) / 1e9;
			System.out.printf("CPU from the first send to the end of the wait (%.1f s), per process:%n", seconds);
			this.pids.forEach((name, pid) -> {
				long ticks = ticks(pid) - this.startTicks.get(name);
				print(name, ticks, seconds, records);
			});
			System.out.println("the harness's threads, by part (threads that ended during the phase are not counted):");
			Map<String, Long> parts = new LinkedHashMap<>();
			threadTicks().forEach((thread, ticks) -> parts.merge(part(thread.name()),
					ticks - this.startThreadTicks.getOrDefault(thread, 0L), Long::sum));
			parts.forEach((part, ticks) -> print("  " + part, ticks, seconds, records));
		}

		private static void print(String name, long ticks, double seconds, long records) {
			double cpuSeconds = ticks / 100.0;
			System.out.printf("  %-70s %7.1f s CPU, %4.2f cores, %6.1f us per record%n", name, cpuSeconds,
					cpuSeconds / seconds, cpuSeconds * 1e6 / records);
		}

		/**
		 * Which part of the harness a thread is, by its name as the kernel has it (the
		 * first 15 characters of the Java name).
		 */
		private static String part(String thread) {
			// the launcher's main thread keeps the process's name
			if (thread.equals("main") || thread.equals("java")) {
				return "load generator (main: records, producer.send, zstd)";
			}
			if (thread.startsWith("kafka-producer")) {
				return "producer network thread";
			}
			if (thread.startsWith("sns-stand-in") || thread.startsWith("HTTP-Dispatcher")) {
				return "SNS stand-in";
			}
			if (thread.startsWith("C1 ") || thread.startsWith("C2 ") || thread.startsWith("GC ")
					|| thread.startsWith("G1 ") || thread.startsWith("VM ")) {
				return "JVM (JIT compilers, GC, VM thread)";
			}
			return "broker (and the harness's other threads)";
		}

		private record HarnessThread(long tid, String name) {
		}

		/** This JVM's threads' CPU, from {@code /proc/self/task/<tid>/stat}. */
		private static Map<HarnessThread, Long> threadTicks() {
			Map<HarnessThread, Long> ticks = new HashMap<>();
			try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
				tasks.forEach((task) -> {
					try {
						String stat = Files.readString(task.resolve("stat"));
						String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
						ticks.put(new HarnessThread(Long.parseLong(task.getFileName().toString()), name),
								ticksOf(stat));
					}
					catch (IOException | RuntimeException ex) {
						// the thread ended meanwhile
					}
				});
			}
			catch (IOException ex) {
				// not Linux: no breakdown
			}
			return ticks;
		}

		private static long ticks(long pid) {
			try {
				return ticksOf(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
			}
			catch (IOException | RuntimeException ex) {
				return 0;
			}
		}

		/** User and system CPU ticks from a process's or a thread's {@code stat}. */
		private static long ticksOf(String stat) {
			// the fields after the command name, which is in parentheses
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}

	}

}
