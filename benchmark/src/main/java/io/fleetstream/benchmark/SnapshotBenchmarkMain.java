package io.fleetstream.benchmark;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.fleetstream.devinfra.RedisProcess;
import io.fleetstream.enrichment.EnrichmentApplication;
import io.fleetstream.enrichment.snapshot.SnapshotStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The car/device snapshot at fleet scale (docs/benchmark.md, "Snapshot"): a DMS full load
 * of N cars and N devices (default 200,000) on a real broker (child JVM) and a real
 * redis-server; enrichment-service's snapshot, run in this JVM, (1) rebuilds from the
 * topics with Redis empty, then (2) a fresh instance loads it from Redis. Reports both
 * times and the heap the loaded snapshot holds (heap after a full GC, minus the same
 * service's heap with an empty snapshot). Run it alone, with a fixed heap:
 * {@code java -Xms1g -Xmx1g -XX:+UseParallelGC -cp ... SnapshotBenchmarkMain [cars]}.
 */
public final class SnapshotBenchmarkMain {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final String[] MODELS = { "Ioniq 5", "Ioniq 6", "EV6", "Niro", "Kona", "Avante", "Sonata", "K5",
			"Casper", "Ray" };

	private static final String[] FUELS = { "EV", "HEV", "GASOLINE", "LPG" };

	private SnapshotBenchmarkMain() {
	}

	public static void main(String[] args) throws Exception {
		int cars = (args.length > 0) ? Integer.parseInt(args[0]) : 200_000;
		Path logDir = Files.createTempDirectory("fleet-snapshot-bench");
		try (KafkaBroker broker = KafkaBroker.start(logDir, ""); RedisProcess redis = RedisProcess.startEphemeral()) {
			String carTopic = "bench.cdc.carinfo";
			String deviceTopic = "bench.cdc.deviceinfo";
			try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
				admin.createTopics(List.of(new NewTopic(carTopic, 4, (short) 1),
						new NewTopic(deviceTopic, 4, (short) 1), new NewTopic("bench.empty.carinfo", 1, (short) 1),
						new NewTopic("bench.empty.deviceinfo", 1, (short) 1)))
					.all()
					.get(60, TimeUnit.SECONDS);
			}
			long produceStart = System.nanoTime();
			produceFullLoad(broker.bootstrapServers(), carTopic, deviceTopic, cars);
			System.out.printf("produced %,d DMS load records in %.1f s%n", 2L * cars, seconds(produceStart));

			long baseline;
			try (ConfigurableApplicationContext empty = start(broker, redis, "bench.empty.carinfo",
					"bench.empty.deviceinfo", 1)) {
				awaitCars(empty, 0);
				baseline = heapAfterGc();
			}
			long rebuildStart = System.nanoTime();
			try (ConfigurableApplicationContext rebuilding = start(broker, redis, carTopic, deviceTopic, 0)) {
				awaitCars(rebuilding, cars);
				System.out.printf(
						"(1) rebuilt from the topics (Redis empty): %,d cars in %.1f s (%,.0f records/s, "
								+ "start-up included)%n",
						cars, seconds(rebuildStart), 2L * cars / seconds(rebuildStart));
			}
			long loadStart = System.nanoTime();
			try (ConfigurableApplicationContext loaded = start(broker, redis, carTopic, deviceTopic, 0)) {
				awaitCars(loaded, cars);
				double startToLoaded = seconds(loadStart);
				double loadSeconds = loaded.getBean(MeterRegistry.class)
					.get("fleet.snapshot.load.duration")
					.gauge()
					.value();
				long heap = heapAfterGc() - baseline;
				SnapshotStore store = loaded.getBean(SnapshotStore.class);
				System.out.printf("(2) loaded from Redis: %,d cars, %,d devices in %.1f s (context start to loaded: "
						+ "%.1f s)%n", store.cars(), store.devices(), loadSeconds, startToLoaded);
				System.out.printf("    heap held by the snapshot: %,d MB (%,d bytes per car); sample: %s%n",
						heap / (1024 * 1024), heap / cars, store.referenceOf("car-000042"));
			}
		}
	}

	static void produceFullLoad(String bootstrapServers, String carTopic, String deviceTopic, int cars) {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
		config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
		config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
				new ByteArraySerializer())) {
			for (int i = 0; i < cars; i++) {
				String carId = String.format("car-%06d", i);
				String deviceId = String.format("dev-%06d", i);
				producer.send(new ProducerRecord<>(carTopic, carId, record("carinfo", car(i, carId))));
				producer.send(
						new ProducerRecord<>(deviceTopic, deviceId, record("deviceinfo", device(i, deviceId, carId))));
			}
			producer.flush();
		}
	}

	private static Map<String, Object> car(int i, String carId) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("car_id", carId);
		row.put("plate", String.format("%02d가%04d", i % 100, i % 10_000));
		row.put("vin", String.format("KMHXX81CBNU%06d", i));
		row.put("model", MODELS[i % MODELS.length]);
		row.put("zone", "zone-" + (i % 25));
		row.put("fuel_type", FUELS[i % FUELS.length]);
		row.put("seats", 5);
		row.put("color", (i % 3 == 0) ? "white" : "gray");
		row.put("registered_at", "2024-0" + (1 + i % 9) + "-15");
		row.put("updated_at", "2026-11-30 10:00:00");
		return row;
	}

	private static Map<String, Object> device(int i, String deviceId, String carId) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("device_id", deviceId);
		row.put("car_id", carId);
		row.put("imei", String.format("35%013d", i));
		row.put("firmware", "3.2." + (i % 8));
		row.put("sim_iccid", String.format("8982%015d", i));
		row.put("battery_mv", 3600 + i % 500);
		row.put("updated_at", "2026-11-30 11:00:00");
		return row;
	}

	private static byte[] record(String table, Map<String, Object> row) {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("timestamp", "2026-12-01T09:00:00.000001Z");
		metadata.put("record-type", "data");
		metadata.put("operation", "load");
		metadata.put("partition-key-type", "primary-key");
		metadata.put("schema-name", "fleet");
		metadata.put("table-name", table);
		return MAPPER.writeValueAsString(Map.of("data", row, "metadata", metadata)).getBytes(StandardCharsets.UTF_8);
	}

	private static ConfigurableApplicationContext start(KafkaBroker broker, RedisProcess redis, String carTopic,
			String deviceTopic, int database) {
		return new SpringApplicationBuilder(EnrichmentApplication.class).web(WebApplicationType.NONE)
			// ingest-service's application.yaml is on this class path too: none is read,
			// the
			// route is given in full
			.run("--spring.config.name=fleet-snapshot-benchmark", "--spring.application.name=enrichment-service",
					"--fleet.routes.cdc.handler=dms-cdc", "--fleet.routes.cdc.loaders=car-snapshot",
					"--fleet.routes.cdc.mode=broadcast", "--fleet.routes.cdc.consumer.concurrency=1",
					"--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
					"--spring.data.redis.host=" + redis.host(), "--spring.data.redis.port=" + redis.port(),
					"--spring.data.redis.database=" + database, "--fleet.kafka.create-topics=true",
					"--fleet.routes.cdc.topics=" + carTopic + "," + deviceTopic, "--fleet.security.open=true",
					"--spring.main.banner-mode=off", "--logging.level.root=WARN",
					"--logging.level.io.fleetstream.enrichment=INFO");
	}

	private static void awaitCars(ConfigurableApplicationContext context, int cars) throws InterruptedException {
		SnapshotStore store = context.getBean(SnapshotStore.class);
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
		while (store.cars() < cars || store.devices() < cars) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(
						"The snapshot holds " + store.cars() + " of " + cars + " cars after 10 min");
			}
			Thread.sleep(100);
		}
	}

	private static long heapAfterGc() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(200);
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static double seconds(long startNanos) {
		return (System.nanoTime() - startNanos) / 1e9;
	}

}
