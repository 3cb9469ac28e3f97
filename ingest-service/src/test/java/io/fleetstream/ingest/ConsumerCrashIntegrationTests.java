package io.fleetstream.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.fleetstream.ingest.position.PositionKeys;
import io.fleetstream.ingest.position.PositionStoreReader;
import io.fleetstream.testsupport.RedisProcess;
import io.fleetstream.testsupport.SharedKafkaBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault: ingest-service runs as its own JVM and is killed with SIGKILL mid-stream, so the
 * in-flight batch is never committed; a second instance then takes over. Must hold: every
 * car's final position equals its newest produced fix (0 lost), and nothing went
 * backwards.
 */
class ConsumerCrashIntegrationTests {

	private static final String TOPIC = "it.fault.crash.gps";

	private final List<Process> processes = new ArrayList<>();

	private final RedisProcess redisProcess = RedisProcess.startEphemeral();

	@AfterEach
	void stopEverything() {
		this.processes.forEach(Process::destroyForcibly);
		this.redisProcess.stop();
	}

	@Test
	void serviceKilledMidStreamLosesNoFix() throws Exception {
		int cars = 200;
		long base = System.currentTimeMillis() - 3_600_000;
		LettuceConnectionFactory connectionFactory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(this.redisProcess.host(), this.redisProcess.port()));
		connectionFactory.afterPropertiesSet();
		connectionFactory.start();
		PositionStoreReader reader = new PositionStoreReader(new StringRedisTemplate(connectionFactory),
				new PositionKeys(16));
		AtomicInteger roundsAfterKill = new AtomicInteger(-1);
		Map<String, Long> newest = new ConcurrentHashMap<>();
		KafkaTestSupport.createTopic(TOPIC, 4);
		try (GpsTestData producer = new GpsTestData()) {
			Process first = startService("first");
			// fixes keep coming until 10 rounds after the kill, so the kill lands
			// mid-stream
			CompletableFuture<Void> production = CompletableFuture.runAsync(() -> {
				for (int round = 0; roundsAfterKill.get() < 10; round++) {
					long ts = base + round * 1000L;
					for (int car = 0; car < cars; car++) {
						producer.send(TOPIC, "crash-" + car,
								GpsTestData.fix(37.3 + car * 0.001, 127.1 + round * 0.0001, ts));
						newest.put("crash-" + car, ts);
					}
					producer.flush();
					if (roundsAfterKill.get() >= 0) {
						roundsAfterKill.incrementAndGet();
					}
					await().pollDelay(Duration.ofMillis(200)).until(() -> true);
				}
			});
			// kill only once the first instance is demonstrably writing
			await().atMost(Duration.ofSeconds(120)).until(() -> reader.storedTs("crash-0") > 0);
			first.destroyForcibly().waitFor();
			long atNewestWhenKilled = newest.keySet()
				.stream()
				.filter((car) -> reader.storedTs(car) == newest.get(car))
				.count();
			roundsAfterKill.set(0);

			startService("second");
			production.get();
			await().atMost(Duration.ofSeconds(120))
				.untilAsserted(() -> newest
					.forEach((carId, ts) -> assertThat(reader.storedTs(carId)).as(carId).isEqualTo(ts)));
			assertThat(newest).hasSize(cars);
			assertThat(atNewestWhenKilled).as("cars already at their final fix when the first instance died")
				.isLessThan(cars);
		}
		finally {
			connectionFactory.destroy();
		}
	}

	private Process startService(String name) throws Exception {
		Path log = Files.createDirectories(Path.of("target", "crash-test")).resolve("ingest-" + name + ".log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
				IngestApplication.class.getName(),
				"--spring.kafka.bootstrap-servers=" + SharedKafkaBroker.bootstrapServers(),
				"--spring.data.redis.host=" + this.redisProcess.host(),
				"--spring.data.redis.port=" + this.redisProcess.port(), "--server.port=0", "--management.server.port=0",
				"--fleet.routes.gps.topics=" + TOPIC, "--spring.kafka.consumer.group-id=it-fault-crash",
				"--spring.kafka.consumer.max-poll-records=100", "--fleet.kafka.create-topics=true");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		this.processes.add(process);
		return process;
	}

}
