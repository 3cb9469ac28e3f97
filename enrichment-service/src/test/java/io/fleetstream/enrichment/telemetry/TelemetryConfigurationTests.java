package io.fleetstream.enrichment.telemetry;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import io.fleetstream.common.pipeline.Handled;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The telemetry handler parses GPS fixes under the same {@code fleet.gps.*} settings as
 * ingest-service's {@code gps-fix} handler: both come from common's one parser factory.
 */
class TelemetryConfigurationTests {

	private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(TelemetryConfiguration.class)
		.withBean(Clock.class, () -> Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void gpsFixesAreJudgedByEveryGpsSetting() {
		this.runner.withPropertyValues("fleet.gps.max-future-skew=1m", "fleet.gps.max-past-skew=1h").run((context) -> {
			TelemetryHandler handler = context.getBean(TelemetryHandler.class);
			assertThat(reason(handler.handle(fix(NOW.plus(Duration.ofMinutes(2)))))).isEqualTo("future-timestamp");
			assertThat(reason(handler.handle(fix(NOW.minus(Duration.ofHours(2)))))).isEqualTo("past-timestamp");
			assertThat(handler.handle(fix(NOW.minus(Duration.ofMinutes(30))))).isInstanceOf(Handled.Accepted.class);
		});
	}

	@Test
	void theDefaultsAreCommonsDefaults() {
		this.runner.run((context) -> {
			TelemetryHandler handler = context.getBean(TelemetryHandler.class);
			assertThat(handler.handle(fix(NOW.plus(Duration.ofMinutes(4))))).isInstanceOf(Handled.Accepted.class);
			assertThat(reason(handler.handle(fix(NOW.plus(Duration.ofMinutes(6)))))).isEqualTo("future-timestamp");
			assertThat(handler.handle(fix(NOW.minus(Duration.ofDays(6))))).isInstanceOf(Handled.Accepted.class);
			assertThat(reason(handler.handle(fix(NOW.minus(Duration.ofDays(8)))))).isEqualTo("past-timestamp");
		});
	}

	/** A fix with event time {@code ts}, in a record produced at {@link #NOW}. */
	private static ConsumerRecord<String, byte[]> fix(Instant ts) {
		byte[] value = ("{\"lat\":37.5,\"lng\":127.0,\"ts\":" + ts.toEpochMilli() + "}")
			.getBytes(StandardCharsets.UTF_8);
		return new ConsumerRecord<>("cars.gps.json", 0, 0, NOW.toEpochMilli(), TimestampType.CREATE_TIME, -1, -1,
				"car-1", value, new RecordHeaders(), Optional.empty());
	}

	private static String reason(Handled<TelemetryUpdate> handled) {
		assertThat(handled).isInstanceOf(Handled.Rejected.class);
		return ((Handled.Rejected<TelemetryUpdate>) handled).reason();
	}

}
