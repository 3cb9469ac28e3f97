package io.fleetstream.enrichment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.fleetstream.enrichment.EnrichmentProperties.FlattenSettings;
import io.fleetstream.enrichment.flatten.Flattened;
import io.fleetstream.enrichment.flatten.JsonFlattener;
import io.fleetstream.enrichment.state.CarState;
import io.fleetstream.enrichment.state.StateMerge;
import io.fleetstream.enrichment.telemetry.TelemetryUpdate;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas split the telemetry partitions (each holds the same partition numbers of
 * the GPS and the status topic); after one stops mid-stream, the other takes its
 * partitions over, and the final state of every car equals what one instance computes
 * from the same updates.
 */
class TwoInstancesIntegrationTests {

	static final int CARS = 16;

	static final int UPDATES_PER_CAR = 12;

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private EnrichmentApps apps;

	@AfterEach
	void stop() {
		this.apps.close();
	}

	@Test
	void afterOneStopsTheOthersStateEqualsOneInstances() throws Exception {
		this.apps = new EnrichmentApps("two");
		ConfigurableApplicationContext a = this.apps.start();
		ConfigurableApplicationContext b = this.apps.start();
		await().atMost(Duration.ofSeconds(180)).untilAsserted(() -> {
			Map<String, List<TopicPartition>> members = this.apps.assignments();
			assertThat(members).hasSize(2);
			assertThat(members.values()).allSatisfy((partitions) -> {
				assertThat(partitions).isNotEmpty();
				assertThat(numbers(partitions, this.apps.gps)).isEqualTo(numbers(partitions, this.apps.status));
			});
		});

		List<Update> updates = updates(new Random(42), "two-", CARS, UPDATES_PER_CAR);
		List<Update> firstHalf = updates.subList(0, updates.size() / 2);
		firstHalf.forEach(this::send);
		await().atMost(Duration.ofSeconds(180)).until(() -> this.apps.lag() == 0);
		assertThat(joined(a)).as("records joined by instance a").isPositive();
		assertThat(joined(b)).as("records joined by instance b").isPositive();

		this.apps.stop(b);
		updates.subList(updates.size() / 2, updates.size()).forEach(this::send);
		await().atMost(Duration.ofSeconds(240)).until(() -> this.apps.lag() == 0);

		Map<String, Map<String, String>> expected = expected(updates);
		for (int car = 0; car < CARS; car++) {
			String carId = "two-" + car;
			assertThat(EnrichmentApps.storedState(carId)).as(carId).isEqualTo(expected.get(carId));
		}
	}

	private void send(Update update) {
		this.apps.send(update.gps ? this.apps.gps : this.apps.status, update.carId, update.json);
	}

	private static double joined(ConfigurableApplicationContext app) {
		return app.getBean(MeterRegistry.class)
			.find("fleet.enrichment.records")
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	private static Set<Integer> numbers(List<TopicPartition> partitions, String topic) {
		return partitions.stream()
			.filter((partition) -> partition.topic().equals(topic))
			.map(TopicPartition::partition)
			.collect(Collectors.toSet());
	}

	/** Status and GPS updates with shuffled event times, arrays growing and shrinking. */
	static List<Update> updates(Random random, String prefix, int cars, int rounds) {
		List<Update> updates = new ArrayList<>();
		for (int i = 0; i < rounds; i++) {
			for (int car = 0; car < cars; car++) {
				long ts = 1_000 + i * 100 + random.nextInt(250);
				String carId = prefix + car;
				if (random.nextInt(3) == 0) {
					updates.add(new Update(carId, true,
							"{\"lat\":" + (37 + random.nextInt(100) / 100.0) + ",\"lng\":127.5,\"ts\":" + ts + "}",
							ts));
				}
				else {
					String dtc = String.join(",", java.util.Collections.nCopies(random.nextInt(3), "\"P" + i + "\""));
					updates
						.add(new Update(carId, false,
								"{\"ts\":" + ts + ",\"engine\":{\"rpm\":" + random.nextInt(5000)
										+ (random.nextBoolean() ? ",\"on\":true" : "") + "},\"dtc\":[" + dtc + "]}",
								ts));
				}
			}
		}
		return updates;
	}

	/** What one instance ends with: the pure merge of every update, in the order sent. */
	static Map<String, Map<String, String>> expected(List<Update> updates) throws Exception {
		JsonFlattener flattener = new JsonFlattener(new FlattenSettings(16, 1000, 1024, 256));
		Map<String, CarState> states = new HashMap<>();
		for (Update update : updates) {
			TelemetryUpdate value;
			if (update.gps) {
				var json = MAPPER.readTree(update.json);
				value = new TelemetryUpdate(update.carId, update.ts,
						Map.of("gps.lat", json.get("lat"), "gps.lng", json.get("lng")), Set.of());
			}
			else {
				Flattened flat = flattener.flatten(MAPPER.readTree(update.json), Set.of("ts"));
				value = new TelemetryUpdate(update.carId, update.ts, flat.leaves(), flat.arrays());
			}
			StateMerge.apply(states.computeIfAbsent(update.carId, (car) -> new CarState()), value);
		}
		Map<String, Map<String, String>> expected = new TreeMap<>();
		states.forEach((car, state) -> {
			Map<String, String> signals = new HashMap<>();
			state.signals().forEach((path, signal) -> signals.put(path, signal.value() + "@" + signal.timeMs()));
			expected.put(car, signals);
		});
		return expected;
	}

	record Update(String carId, boolean gps, String json, long ts) {
	}

}
