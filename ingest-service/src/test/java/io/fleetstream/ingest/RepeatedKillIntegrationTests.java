package io.fleetstream.ingest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.fleetstream.devinfra.FreePorts;
import io.fleetstream.devinfra.RedisProcess;
import io.fleetstream.testsupport.ChildJvm;
import io.fleetstream.testsupport.MonotonicPoller;
import io.fleetstream.testsupport.SeededRandom;
import io.fleetstream.testsupport.SharedKafkaBroker;
import io.fleetstream.testsupport.SharedRedis;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault: two ingest-service instances share one consumer group (each its own JVM, two
 * consumers each, 8 partitions); instance B is killed with SIGKILL 10 times, each time at
 * a random moment up to 2 s after it holds partitions again, and started again at once,
 * while 200 cars stream one fix each every 200 ms with increasing event times. Every kill
 * and every restart is a rebalance: the killed member's partitions move to A once its
 * session (6 s) expires, and back to the new B when it joins; its uncommitted batch is
 * replayed by whoever gets the partition. The kill moments come from a seeded random
 * printed in the output.
 *
 * <p>
 * Must hold, through the REST API only: a poller searching the whole fleet on A every 50
 * ms, from before the first kill until the end, never sees a car's {@code ts} go back or
 * a car disappear (0 regressions), never gets an error, and sees every car advance after
 * the last kill; at the end every car's position, by id on A and on the last B, is its
 * newest fix the broker acknowledged (0 lost; every fix sent was acknowledged). Each kill
 * happened mid-stream, with records of the group uncommitted.
 */
class RepeatedKillIntegrationTests {

	private static final String TOPIC = "it.fault.kills.gps";

	private static final String GROUP = "it-fault-kills";

	private static final String CAR_PREFIX = "kills-";

	private static final int CARS = 200;

	private static final int KILLS = 10;

	private static final int MAX_KILL_DELAY_MS = 2000;

	/**
	 * How long a child may take to start and join the group: seconds on an idle machine,
	 * minutes on a shared one (seen: 2 minutes at a load average of 30 on 2 cores).
	 */
	private static final Duration STARTUP = Duration.ofMinutes(5);

	private static final Path LOGS = Path.of("target", "fault-tests", "kills");

	private final List<ChildJvm> children = new ArrayList<>();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@AfterEach
	void killChildren() {
		this.children.forEach(ChildJvm::close);
	}

	@Test
	void tenKillsOfOneOfTwoInstancesLoseNoFixAndNoCarGoesBackInTime() throws Exception {
		long started = System.nanoTime();
		Random random = SeededRandom.create("RepeatedKillIntegrationTests");
		List<String> cars = FixStream.cars(CAR_PREFIX, CARS);
		KafkaTestSupport.createTopic(TOPIC, 8);
		Instance a = start("ingest-a");
		Instance b = start("ingest-b-0");
		FleetApi apiOfA = new FleetApi(a.apiPort, CAR_PREFIX);
		List<Long> lagAtKills = new ArrayList<>();
		Instant lastKill;
		Map<String, Long> newest;
		MonotonicPoller.Report report;
		try (FixStream stream = new FixStream(SharedKafkaBroker.bootstrapServers(), TOPIC, cars,
				Duration.ofMillis(200))) {
			awaitReady(a);
			stream.start();
			await().atMost(Duration.ofSeconds(120))
				.ignoreExceptionsInstanceOf(IOException.class)
				.until(() -> apiOfA.searchFleet().size() == CARS);
			MonotonicPoller poller = MonotonicPoller.start("ingest-a search", Duration.ofMillis(50),
					apiOfA::searchFleet);
			try {
				awaitHoldingPartitions(b);
				for (int kill = 1; kill <= KILLS; kill++) {
					int delayMs = random.nextInt(MAX_KILL_DELAY_MS);
					// the fault's timing: a deliberate pause, not a wait for a condition
					Thread.sleep(delayMs);
					b.jvm.ensureAlive();
					int round = stream.rounds();
					b.jvm.kill();
					lagAtKills.add(KafkaTestSupport.lag(GROUP, TOPIC));
					System.out.printf(
							"kill %d/%d: %s SIGKILLed %d ms after it held partitions, at round %d, group lag %d%n",
							kill, KILLS, b.jvm, delayMs, round, lagAtKills.get(kill - 1));
					b = start("ingest-b-" + kill);
					awaitHoldingPartitions(b);
				}
				lastKill = Instant.now();
				// the stream goes on past the last rebalance, so every car's newest fix
				// comes after it
				stream.awaitMoreRounds(20);
				newest = stream.stop();
				FleetApi apiOfB = new FleetApi(b.apiPort, CAR_PREFIX);
				await().atMost(STARTUP).untilAsserted(() -> {
					assertThat(apiOfA.vehicles(cars)).as("positions by id on A").isEqualTo(newest);
					assertThat(apiOfB.vehicles(cars)).as("positions by id on the last B").isEqualTo(newest);
				});
			}
			finally {
				report = poller.stop();
			}
			System.out.printf(
					"%d kills, %d fixes acknowledged for %d cars, 0 lost; %s; group lag at the kills %s; %.1f s%n",
					KILLS, stream.fixesAcked(), CARS, report.summary(), lagAtKills,
					(System.nanoTime() - started) / 1e9);
		}

		report.assertNoRegressions();
		assertThat(report.failedSweeps()).as("failed searches on A (first: %s)", report.failures()).isZero();
		assertThat(report.advancedAfter(lastKill)).as("cars seen advancing after the last kill")
			.containsExactlyInAnyOrderElementsOf(cars);
		// the kills must hit work in flight, or the test proves nothing; a kill at an
		// instant when the group had just committed everything is a legitimate moment
		// (on an idle machine the service keeps up), so most kills, not all, must find
		// uncommitted records
		assertThat(lagAtKills).as("records of the group uncommitted at each kill").hasSize(KILLS);
		assertThat(lagAtKills.stream().filter((lag) -> lag > 0).count())
			.as("kills that found uncommitted records, of %s", lagAtKills)
			.isGreaterThanOrEqualTo(KILLS / 2);
	}

	private Instance start(String name) {
		int apiPort = FreePorts.find();
		int managementPort = FreePorts.find();
		RedisProcess redis = SharedRedis.standalone();
		// a 6 s session (the broker's minimum) instead of 45 s: the group drops a killed
		// member sooner; the takeover is the same, only quicker. No OpenAPI document: the
		// test reads the API, not its description, and each of the 12 starts is cheaper.
		List<String> args = List.of("--spring.kafka.bootstrap-servers=" + SharedKafkaBroker.bootstrapServers(),
				"--spring.data.redis.host=" + redis.host(), "--spring.data.redis.port=" + redis.port(),
				"--server.port=" + apiPort, "--management.server.port=" + managementPort,
				"--fleet.routes.gps.topics=" + TOPIC, "--spring.kafka.consumer.group-id=" + GROUP,
				"--spring.kafka.client-id=" + name, "--spring.kafka.consumer.max-poll-records=200",
				"--spring.kafka.consumer.heartbeat-interval=1s",
				"--spring.kafka.consumer.properties.session.timeout.ms=6000", "--fleet.kafka.create-topics=true",
				"--springdoc.api-docs.enabled=false", "--springdoc.swagger-ui.enabled=false");
		ChildJvm jvm = ChildJvm.start(name, IngestApplication.class, ChildJvm.FAST_START, args, LOGS);
		this.children.add(jvm);
		return new Instance(jvm, name, apiPort, managementPort);
	}

	private void awaitReady(Instance instance) {
		HttpRequest readiness = HttpRequest
			.newBuilder(URI.create("http://localhost:" + instance.managementPort + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(5))
			.build();
		await().atMost(STARTUP).ignoreExceptionsInstanceOf(IOException.class).until(() -> {
			instance.jvm.ensureAlive();
			return this.http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		});
	}

	/** Waits until one of the instance's consumers has partitions of the topic. */
	private void awaitHoldingPartitions(Instance instance) throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafkaBroker.bootstrapServers()))) {
			await().atMost(STARTUP).until(() -> {
				instance.jvm.ensureAlive();
				List<MemberDescription> members = List
					.copyOf(admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP).members());
				return members.stream()
					.anyMatch((member) -> (member.clientId().equals(instance.clientId)
							|| member.clientId().startsWith(instance.clientId + "-"))
							&& !member.assignment().topicPartitions().isEmpty());
			});
		}
	}

	private record Instance(ChildJvm jvm, String clientId, int apiPort, int managementPort) {
	}

}
