package io.fleetstream.alert.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

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
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Alert latency: p50/p99 from an enriched record's arrival to the SNS Publish request it
 * causes, at the local {@link SnsStandIn}. The real alert-service runs in this JVM in SNS
 * mode with the shipped rules, against a real KRaft broker (in this JVM) and a real
 * redis-server; a paced producer sends {@code cars.enriched.json} records for
 * {@code --cars} cars at {@code --rate} records/s for {@code --seconds}; a share of them
 * ({@code --alert-share}) reports a crash ({@code crash-detected}, {@code for: 0s}), the
 * car's next record clears it. Each FIRING and RESOLVED publish is matched to the record
 * that caused it: latency = the stand-in's receipt minus the moment that record was
 * handed to the producer (so it includes the producer's batching and the broker). Records
 * of the first {@code --warmup} seconds are not measured, nor the service's start-up (one
 * crash is published before the paced records begin). Also reported: transitions never
 * published (lost) and published twice.
 *
 * <p>
 * Not part of the test run; docs/alerts.md, "Benchmark", gives the command. The figure
 * the issue asks for: {@code --rate=20000 --cars=20000 --seconds=60} (the defaults) on an
 * idle machine; {@code --quick} is a smoke run of about 20 s (2,000 records/s).
 */
public final class AlertLatencyBenchmark {

	private static final String TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:fleet-alerts-benchmark";

	private AlertLatencyBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Options options = Options.parse(args);
		System.out.printf(
				"Alert latency benchmark: %,d records/s for %d s over %,d cars, %.1f %% crash, warm-up %d s%n",
				options.rate, options.seconds, options.cars, options.alertShare * 100, options.warmupSeconds);
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
				ConfigurableApplicationContext app = startService(bootstrap, redis, sns, enriched, outlier, run)) {
			prime(bootstrap, enriched, sns);
			Map<String, Long> sentNanos = new ConcurrentHashMap<>();
			long measuredFromNanos = produce(options, bootstrap, enriched, sentNanos);
			awaitPublishes(sns, sentNanos.size(), Duration.ofSeconds(120));
			report(options, sns, sentNanos, measuredFromNanos);
		}
		System.exit(0);
	}

	private static ConfigurableApplicationContext startService(String bootstrap, RedisProcess redis, SnsStandIn sns,
			String enriched, String outlier, String run) {
		return new SpringApplicationBuilder(AlertApplication.class).run("--spring.kafka.bootstrap-servers=" + bootstrap,
				"--spring.data.redis.host=" + redis.host(), "--spring.data.redis.port=" + redis.port(),
				"--server.port=0", "--management.server.port=0", "--fleet.security.open=true",
				"--fleet.routes.enriched.topics=" + enriched,
				"--fleet.routes.schema-changes.topics=bench.schema-changes." + run,
				"--fleet.alert.episodes.outlier-topic=" + outlier, "--spring.kafka.consumer.group-id=bench-" + run,
				"--fleet.kafka.create-topics=true", "--fleet.alert.sns.topic-arn=" + TOPIC_ARN,
				"--spring.cloud.aws.sns.endpoint=" + sns.endpoint(), "--spring.cloud.aws.region.static=eu-west-1",
				"--logging.level.io.fleetstream=WARN");
	}

	/**
	 * One crash, published, before the paced records: the service is then consuming (its
	 * consumer group joined, partitions assigned), so its start-up is not measured.
	 */
	private static void prime(String bootstrap, String topic, SnsStandIn sns) {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>(topic, "bench-primer",
					record("bench-primer", System.currentTimeMillis(), true)));
		}
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (sns.published().isEmpty()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The service published nothing within 3 minutes");
			}
			LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
		}
	}

	/**
	 * Sends the records at the rate; returns the nanoTime from which records are
	 * measured.
	 */
	private static long produce(Options options, String bootstrap, String topic, Map<String, Long> sentNanos) {
		Map<String, Object> config = new HashMap<>();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		Random random = new Random(42);
		String[] cars = new String[options.cars];
		long[] lastEventTime = new long[options.cars];
		boolean[] crashed = new boolean[options.cars];
		String[] firingEpisode = new String[options.cars];
		for (int car = 0; car < options.cars; car++) {
			cars[car] = String.format("bench-car-%06d", car);
		}
		long total = (long) options.rate * options.seconds;
		long intervalNanos = 1_000_000_000L / options.rate;
		long start = System.nanoTime();
		long measuredFrom = start + Duration.ofSeconds(options.warmupSeconds).toNanos();
		long late = 0;
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			for (long i = 0; i < total; i++) {
				long due = start + i * intervalNanos;
				long now = System.nanoTime();
				if (due > now) {
					LockSupport.parkNanos(due - now);
				}
				else if (now - due > 100_000_000L) {
					late++;
				}
				int car = (int) (i % options.cars);
				long eventTime = Math.max(System.currentTimeMillis(), lastEventTime[car] + 1);
				lastEventTime[car] = eventTime;
				String key = null;
				boolean crash = false;
				if (crashed[car]) {
					key = firingEpisode[car] + ":RESOLVED";
					crashed[car] = false;
				}
				else if (random.nextDouble() < options.alertShare) {
					crash = true;
					crashed[car] = true;
					firingEpisode[car] = cars[car] + "~crash-detected~" + eventTime;
					key = firingEpisode[car] + ":FIRING";
				}
				String value = record(cars[car], eventTime, crash);
				long sent = System.nanoTime();
				if (key != null && sent >= measuredFrom) {
					sentNanos.put(key, sent);
				}
				producer.send(new ProducerRecord<>(topic, cars[car], value));
			}
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("sent %,d records in %.1f s (%,.0f records/s; %,d sends more than 100 ms behind schedule)%n",
				total, seconds, total / seconds, late);
		return measuredFrom;
	}

	private static String record(String carId, long eventTime, boolean crash) {
		return "{\"carId\":\"" + carId + "\",\"eventTime\":" + eventTime + ",\"processingTime\":" + eventTime
				+ ",\"source\":{\"topic\":\"cars.status.json\",\"partition\":0,\"offset\":1},\"changed\":[\"safety.crashDetected\"],"
				+ "\"state\":{\"engine.on\":true,\"engine.coolantTempC\":90.5,\"speedKmh\":42.0,\"battery.voltage\":12.6,"
				+ "\"battery.socPct\":80.0,\"body.lights.headlights\":\"OFF\",\"body.doors.frontLeft\":\"CLOSED\","
				+ "\"tires.pressureKpa.frontLeft\":230,\"safety.airbagDeployed\":false,\"safety.crashDetected\":"
				+ crash + ",\"gps.lat\":37.5665,\"gps.lng\":126.978},\"stateTimes\":{\"safety.crashDetected\":"
				+ eventTime + "},\"reference\":{\"plate\":\"12가3456\"},\"referenceKnown\":true}";
	}

	private static void awaitPublishes(SnsStandIn sns, int measured, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		int previous = -1;
		while (System.nanoTime() < deadline) {
			int published = sns.published().size();
			// the primer's publish besides the measured ones
			if (published > measured && published == previous) {
				return;
			}
			previous = published;
			LockSupport.parkNanos(Duration.ofSeconds(2).toNanos());
		}
		System.out.printf("stopped waiting after %s: %,d publishes for %,d measured transitions%n", timeout,
				sns.published().size(), measured);
	}

	private static void report(Options options, SnsStandIn sns, Map<String, Long> sentNanos, long measuredFrom) {
		Map<String, List<SnsRequest>> byNotification = new HashMap<>();
		for (SnsRequest request : sns.published()) {
			if ("bench-primer".equals(request.attribute("carId"))) {
				continue;
			}
			byNotification
				.computeIfAbsent(request.attribute("episodeId") + ":" + request.attribute("state"),
						(id) -> new ArrayList<>())
				.add(request);
		}
		long[] latencies = new long[sentNanos.size()];
		int measured = 0;
		int lost = 0;
		for (Map.Entry<String, Long> sent : sentNanos.entrySet()) {
			List<SnsRequest> requests = byNotification.get(sent.getKey());
			if (requests == null) {
				lost++;
				continue;
			}
			latencies[measured++] = requests.get(0).receivedNanos() - sent.getValue();
		}
		long duplicated = byNotification.values().stream().filter((requests) -> requests.size() > 1).count();
		long[] sorted = Arrays.copyOf(latencies, measured);
		Arrays.sort(sorted);
		System.out.printf(
				"transitions measured: %,d (after the %d s warm-up); SNS publishes in all: %,d; "
						+ "lost: %,d; published more than once: %,d%n",
				measured, options.warmupSeconds, sns.published().size(), lost, duplicated);
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
	 * {@code --rate= --cars= --seconds= --warmup= --alert-share= --partitions=}.
	 */
	private record Options(int rate, int cars, int seconds, int warmupSeconds, double alertShare, int partitions) {

		static Options parse(String[] args) {
			Map<String, String> values = new HashMap<>(Map.of("rate", "20000", "cars", "20000", "seconds", "60",
					"warmup", "15", "alert-share", "0.01", "partitions", "4"));
			for (String arg : args) {
				if (arg.equals("--quick")) {
					values.putAll(Map.of("rate", "2000", "cars", "2000", "seconds", "20", "warmup", "5"));
				}
				else if (arg.startsWith("--") && arg.contains("=")) {
					values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
				}
				else {
					throw new IllegalArgumentException("Unknown argument " + arg
							+ " (--quick, --rate=, --cars=, --seconds=, --warmup=, --alert-share=, --partitions=)");
				}
			}
			return new Options(Integer.parseInt(values.get("rate")), Integer.parseInt(values.get("cars")),
					Integer.parseInt(values.get("seconds")), Integer.parseInt(values.get("warmup")),
					Double.parseDouble(values.get("alert-share")), Integer.parseInt(values.get("partitions")));
		}

	}

}
