package io.fleetstream.enrichment.telemetry;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import io.fleetstream.common.gps.GpsAutoConfiguration;
import io.fleetstream.common.gps.GpsProperties;
import io.fleetstream.common.pipeline.Handled;
import io.fleetstream.enrichment.EnrichmentProperties.FlattenSettings;
import io.fleetstream.enrichment.flatten.JsonFlattener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Status records: the key must be a car id by the same rule as GPS fixes (and REST
 * paths); the event time is {@code ts}, else the record timestamp.
 */
class TelemetryHandlerTests {

	private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

	private final TelemetryHandler handler = new TelemetryHandler(
			GpsAutoConfiguration.gpsFixParser(new GpsProperties(Duration.ofMinutes(5), Duration.ofDays(7)),
					Clock.fixed(NOW, ZoneOffset.UTC)),
			new JsonFlattener(new FlattenSettings(16, 1000, 1024, 256)), Set.of("cars.gps.json"));

	@Test
	void aStatusKeyThatBreaksTheCarIdRuleIsRejected() {
		for (String key : new String[] { "car 7", "car-7}", "x".repeat(65), "자동차" }) {
			Handled<TelemetryUpdate> handled = this.handler.handle(status(key, "{\"engine\":{\"on\":true}}"));
			assertThat(handled).as(key)
				.isInstanceOfSatisfying(Handled.Rejected.class,
						(rejected) -> assertThat(rejected.reason()).isEqualTo("invalid-car-id"));
		}
	}

	@Test
	void aStatusOfAValidCarIsFlattenedWithItsEventTime() {
		Handled<TelemetryUpdate> handled = this.handler
			.handle(status("car-7", "{\"ts\":1764579600000,\"engine\":{\"on\":true}}"));
		assertThat(handled).isInstanceOfSatisfying(Handled.Accepted.class, (accepted) -> {
			TelemetryUpdate update = (TelemetryUpdate) accepted.value();
			assertThat(update.carId()).isEqualTo("car-7");
			assertThat(update.eventTimeMs()).isEqualTo(1_764_579_600_000L);
			assertThat(update.signals()).containsOnlyKeys("engine.on");
		});
	}

	@Test
	void aStatusWithAnUnreadableTsIsRejected() {
		assertThat(this.handler.handle(status("car-7", "{\"ts\":\"yesterday\",\"speedKmh\":3}")))
			.isInstanceOfSatisfying(Handled.Rejected.class,
					(rejected) -> assertThat(rejected.reason()).isEqualTo("invalid-ts"));
	}

	private static ConsumerRecord<String, byte[]> status(String key, String json) {
		return new ConsumerRecord<>("cars.status.json", 0, 0, key, json.getBytes(StandardCharsets.UTF_8));
	}

}
