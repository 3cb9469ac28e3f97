package io.fleetstream.ingest;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.fleetstream.devinfra.KraftBroker;
import io.fleetstream.devinfra.KraftBrokerSettings;
import io.fleetstream.devinfra.RedisProcess;
import io.fleetstream.testsupport.MonotonicPoller;
import io.fleetstream.testsupport.SeededRandom;
import io.fleetstream.testsupport.SharedRedis;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault: the service's only Kafka broker is stopped mid-stream, at a random moment, kept
 * down for a random 2-5 s, and restarted on the same port from the same log directory,
 * while 200 cars stream one fix each every 100 ms (the producer holds its fixes and
 * retries during the outage). The service is not restarted. The random moments come from
 * a seeded random printed in the output.
 *
 * <p>
 * Must hold, through the REST API: a poller searching the whole fleet every 50 ms
 * throughout never sees a car's {@code ts} go back or a car disappear (0 regressions) and
 * never gets an error (the API reads Redis, not Kafka), and sees every car advance after
 * the restart; at the end every car's position by id is its newest fix the broker
 * acknowledged, which is also its newest fix in the topic (0 lost), the service's health
 * shows Kafka UP again and the group's lag is 0: the same service instance took up the
 * stream again by itself.
 */
class BrokerRestartIntegrationTests {

	private static final String TOPIC = "it.fault.broker-restart.gps";

	private static final String GROUP = "it-fault-broker-restart";

	private static final String CAR_PREFIX = "broker-restart-";

	private static final int CARS = 200;

	@Test
	void aBrokerRestartedMidStreamLosesNoFixAndTheServiceRecoversWithoutARestart() throws Exception {
		long started = System.nanoTime();
		Random random = SeededRandom.create("BrokerRestartIntegrationTests");
		List<String> cars = FixStream.cars(CAR_PREFIX, CARS);
		// a broker of this test's own: it is stopped and restarted
		KraftBroker broker = KraftBroker.start(KraftBrokerSettings.defaults());
		RedisProcess redis = SharedRedis.standalone();
		KafkaTestSupport.createTopic(broker.bootstrapServers(), TOPIC, 4);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(IngestApplication.class).run(
				"--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
				"--spring.data.redis.host=" + redis.host(), "--spring.data.redis.port=" + redis.port(),
				"--server.port=0", "--management.server.port=0", "--fleet.routes.gps.topics=" + TOPIC,
				"--spring.kafka.consumer.group-id=" + GROUP, "--spring.kafka.consumer.max-poll-records=200",
				"--fleet.kafka.create-topics=true");
		MonotonicPoller poller = null;
		try (FixStream stream = new FixStream(broker.bootstrapServers(), TOPIC, cars, Duration.ofMillis(100))) {
			FleetApi api = new FleetApi(port(context, "local.server.port"), CAR_PREFIX);
			RestClient management = RestClient.create("http://localhost:" + port(context, "local.management.port"));
			stream.start();
			await().atMost(Duration.ofSeconds(120))
				.ignoreExceptionsInstanceOf(IOException.class)
				.until(() -> api.searchFleet().size() == CARS);
			poller = MonotonicPoller.start("search", Duration.ofMillis(50), api::searchFleet);

			int beforeStopMs = 1000 + random.nextInt(2000);
			int downMs = 2000 + random.nextInt(3000);
			// the fault's timing: deliberate pauses, not waits for a condition
			Thread.sleep(beforeStopMs);
			broker.stop();
			int roundAtStop = stream.rounds();
			Thread.sleep(downMs);
			broker.restart();
			Instant restarted = Instant.now();
			System.out.printf("broker stopped %d ms into the poll, at round %d, restarted %d ms later%n", beforeStopMs,
					roundAtStop, downMs);
			stream.awaitMoreRounds(30);
			Map<String, Long> newest = stream.stop();
			await().atMost(Duration.ofSeconds(120))
				.untilAsserted(() -> assertThat(api.vehicles(cars)).as("positions by id").isEqualTo(newest));
			MonotonicPoller.Report report = poller.stop();
			System.out.printf("broker restart: %d fixes acknowledged for %d cars, 0 lost; %s; %.1f s%n",
					stream.fixesAcked(), CARS, report.summary(), (System.nanoTime() - started) / 1e9);

			report.assertNoRegressions();
			assertThat(report.failedSweeps()).as("failed searches (first: %s)", report.failures()).isZero();
			assertThat(report.advancedAfter(restarted)).as("cars seen advancing after the restart")
				.containsExactlyInAnyOrderElementsOf(cars);
			assertThat(newestInTopic(broker)).as("each car's newest fix in the topic").isEqualTo(newest);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(management.get().uri("/actuator/health").retrieve().body(String.class))
					.contains("\"kafka\":{\"status\":\"UP\"}"));
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(
						() -> assertThat(KafkaTestSupport.lag(broker.bootstrapServers(), GROUP, TOPIC)).as("group lag")
							.isZero());
		}
		finally {
			if (poller != null) {
				poller.stop();
			}
			context.close();
			broker.close();
		}
	}

	private static Map<String, Long> newestInTopic(KraftBroker broker) {
		Map<String, Long> newest = new HashMap<>();
		for (ConsumerRecord<String, byte[]> record : KafkaTestSupport.readAll(broker.bootstrapServers(), TOPIC)) {
			newest.merge(record.key(), FixStream.ts(record.value()), Math::max);
		}
		return newest;
	}

	private static int port(ConfigurableApplicationContext context, String property) {
		return Integer.parseInt(context.getEnvironment().getProperty(property));
	}

}
