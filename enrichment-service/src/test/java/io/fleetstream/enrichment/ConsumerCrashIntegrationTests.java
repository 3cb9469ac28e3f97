package io.fleetstream.enrichment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import io.fleetstream.common.kafka.KafkaTopicLoader;
import io.fleetstream.enrichment.TwoInstancesIntegrationTests.Update;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault: enrichment-service runs as its own JVM (batches of at most 50 records) and is
 * killed with SIGKILL mid-stream, so what it had not committed is never committed by it;
 * a second instance then takes over and replays it. 40 cars, 30 rounds of one GPS fix or
 * status message per car (1,200 records, event times shuffled within ±250 ms, arrays
 * growing and shrinking); the kill comes once the first instance has enriched records and
 * 720 records have been produced. Must hold: records were uncommitted at the kill (lag >
 * 0); at the end every produced record has an enriched record (by its
 * {@code fleet_source}), and every car's state in Redis equals the pure merge of all its
 * updates.
 */
class ConsumerCrashIntegrationTests {

	private static final int CARS = 40;

	private static final int ROUNDS = 30;

	private final List<Process> processes = new ArrayList<>();

	private EnrichmentApps apps;

	@AfterEach
	void stopEverything() {
		this.processes.forEach(Process::destroyForcibly);
		this.apps.close();
	}

	@Test
	void serviceKilledMidStreamLosesNothingAndStateConverges() throws Exception {
		this.apps = new EnrichmentApps("crash");
		List<Update> updates = TwoInstancesIntegrationTests.updates(new Random(7), "crash-", CARS, ROUNDS);
		int killAt = updates.size() * 3 / 5;
		Process first = startService("first");
		updates.subList(0, updates.size() / 5).forEach(this::send);
		// a child JVM starts slowly on a loaded machine (over 90 s seen)
		await().atMost(Duration.ofSeconds(420)).until(() -> EnrichmentApps.readAll(this.apps.enriched).size() > 0);
		updates.subList(updates.size() / 5, killAt).forEach(this::send);
		first.destroyForcibly().waitFor();
		long uncommittedAtKill = this.apps.lag();
		startService("second");
		updates.subList(killAt, updates.size()).forEach(this::send);

		await().atMost(Duration.ofSeconds(420)).until(() -> this.apps.lag() == 0);
		assertThat(uncommittedAtKill).as("records uncommitted when the first instance died").isPositive();
		Set<String> sources = EnrichmentApps.readAll(this.apps.enriched)
			.stream()
			.map((record) -> EnrichmentApps.header(record, KafkaTopicLoader.SOURCE_HEADER))
			.collect(Collectors.toSet());
		assertThat(sources).as("distinct source records enriched").hasSize(updates.size());
		Map<String, Map<String, String>> expected = TwoInstancesIntegrationTests.expected(updates);
		assertThat(expected).hasSize(CARS);
		expected.forEach((car, state) -> assertThat(EnrichmentApps.storedState(car)).as(car).isEqualTo(state));
	}

	private void send(Update update) {
		this.apps.send(update.gps() ? this.apps.gps : this.apps.status, update.carId(), update.json());
	}

	private Process startService(String name) throws Exception {
		Path log = Files.createDirectories(Path.of("target", "crash-test")).resolve("enrichment-" + name + ".log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
				EnrichmentApplication.class.getName()));
		// a 10 s session timeout lets the group drop the killed member sooner
		this.apps
			.properties("spring.kafka.consumer.max-poll-records=50",
					"spring.kafka.consumer.properties[session.timeout.ms]=10000")
			.forEach((property) -> command.add("--" + property));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		this.processes.add(process);
		return process;
	}

}
