package io.fleetstream.ingest;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.fleetstream.devinfra.RedisProcess;
import io.fleetstream.testsupport.MonotonicPoller;
import io.fleetstream.testsupport.SeededRandom;
import io.fleetstream.testsupport.SharedKafkaBroker;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault: the service's redis-server (append-only file, synced on every write) is stopped
 * mid-stream, at a random moment, and started again from its append-only file after a
 * random 1-3 s, as a restarted ElastiCache node comes back with its data, while 200 cars
 * stream one fix each every 100 ms. The service is not restarted; its Redis timeout is 2
 * s, its back-off at most 2 s. The random moments come from a seeded random printed in
 * the output.
 *
 * <p>
 * Must hold, through the REST API: a poller searching the whole fleet every 50 ms
 * throughout never sees a car's {@code ts} go back or a car disappear (0 regressions:
 * what was stored before the stop is there after the restart), gets only 503 answers
 * while Redis is down, and sees every car advance after the restart; at the end every
 * car's position by id is its newest fix the broker acknowledged (0 lost).
 */
class RedisRestartIntegrationTests {

	private static final String TOPIC = "it.fault.redis-restart.gps";

	private static final String CAR_PREFIX = "redis-restart-";

	private static final int CARS = 200;

	@Test
	void redisRestartedFromItsAppendOnlyFileMidStreamLosesNoFixAndNoCarGoesBackInTime() throws Exception {
		long started = System.nanoTime();
		Random random = SeededRandom.create("RedisRestartIntegrationTests");
		List<String> cars = FixStream.cars(CAR_PREFIX, CARS);
		RedisProcess redis = RedisProcess.startDurable();
		KafkaTestSupport.createTopic(TOPIC, 4);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(IngestApplication.class).run(
				"--spring.kafka.bootstrap-servers=" + SharedKafkaBroker.bootstrapServers(),
				"--spring.data.redis.host=" + redis.host(), "--spring.data.redis.port=" + redis.port(),
				"--spring.data.redis.timeout=2s", "--fleet.kafka.retry.max-interval=2s", "--server.port=0",
				"--management.server.port=0", "--fleet.routes.gps.topics=" + TOPIC,
				"--spring.kafka.consumer.group-id=it-fault-redis-restart",
				"--spring.kafka.consumer.max-poll-records=200", "--fleet.kafka.create-topics=true");
		MonotonicPoller poller = null;
		try (FixStream stream = new FixStream(SharedKafkaBroker.bootstrapServers(), TOPIC, cars,
				Duration.ofMillis(100))) {
			FleetApi api = new FleetApi(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")),
					CAR_PREFIX);
			stream.start();
			await().atMost(Duration.ofSeconds(120))
				.ignoreExceptionsInstanceOf(IOException.class)
				.until(() -> api.searchFleet().size() == CARS);
			poller = MonotonicPoller.start("search", Duration.ofMillis(50), api::searchFleet);

			int beforeStopMs = 1000 + random.nextInt(2000);
			int downMs = 1000 + random.nextInt(2000);
			// the fault's timing: deliberate pauses, not waits for a condition
			Thread.sleep(beforeStopMs);
			redis.stop();
			int roundAtStop = stream.rounds();
			Thread.sleep(downMs);
			redis.start();
			Instant restarted = Instant.now();
			System.out.printf("redis-server stopped %d ms into the poll, at round %d, restarted %d ms later%n",
					beforeStopMs, roundAtStop, downMs);
			stream.awaitMoreRounds(30);
			Map<String, Long> newest = stream.stop();
			await().atMost(Duration.ofSeconds(120))
				.ignoreExceptions()
				.untilAsserted(() -> assertThat(api.vehicles(cars)).as("positions by id").isEqualTo(newest));
			MonotonicPoller.Report report = poller.stop();
			System.out.printf("redis restart: %d fixes acknowledged for %d cars, 0 lost; %s; %.1f s%n",
					stream.fixesAcked(), CARS, report.summary(), (System.nanoTime() - started) / 1e9);

			report.assertNoRegressions();
			assertThat(report.failures()).as("failed searches while Redis was down")
				.allSatisfy((failure) -> assertThat(failure).contains("HTTP 503"));
			assertThat(report.advancedAfter(restarted)).as("cars seen advancing after the restart")
				.containsExactlyInAnyOrderElementsOf(cars);
		}
		finally {
			if (poller != null) {
				poller.stop();
			}
			context.close();
			redis.close();
		}
	}

}
