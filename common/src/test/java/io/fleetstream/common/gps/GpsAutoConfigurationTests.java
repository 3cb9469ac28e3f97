package io.fleetstream.common.gps;

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

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code gps-fix} handler and its {@code fleet.gps.*} settings exist only in a
 * service that routes a topic to it.
 */
class GpsAutoConfigurationTests {

	private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GpsAutoConfiguration.class))
		.withBean(Clock.class, () -> Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void aServiceWithoutRoutesHasNeitherTheHandlerNorItsSettings() {
		this.runner.withPropertyValues("fleet.gps.max-future-skew=1m").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(GpsFixHandler.class).doesNotHaveBean(GpsProperties.class);
		});
	}

	@Test
	void aServiceRoutingOnlyOtherHandlersHasNoGpsHandler() {
		this.runner
			.withPropertyValues("fleet.routes.carinfo.topics=cdc.carinfo", "fleet.routes.carinfo.handler=car-snapshot",
					"fleet.routes.carinfo.loaders=redis-car")
			.run((context) -> assertThat(context).doesNotHaveBean(GpsFixHandler.class));
	}

	@Test
	void aRouteToGpsFixRegistersTheHandlerWithItsOwnSettings() {
		this.runner
			.withPropertyValues("fleet.routes.carinfo.topics=cdc.carinfo", "fleet.routes.carinfo.handler=car-snapshot",
					"fleet.routes.carinfo.loaders=redis-car", "fleet.routes.gps.topics=cars.gps.json",
					"fleet.routes.gps.handler=gps-fix", "fleet.routes.gps.loaders=redis-position",
					"fleet.gps.max-future-skew=1m")
			.run((context) -> {
				assertThat(context.getBean(GpsProperties.class).maxFutureSkew()).isEqualTo(Duration.ofMinutes(1));
				GpsFixHandler handler = context.getBean(GpsFixHandler.class);
				long twoMinutesAhead = NOW.plus(Duration.ofMinutes(2)).toEpochMilli();
				assertThat(handler.handle(fix(twoMinutesAhead))).isInstanceOfSatisfying(Handled.Rejected.class,
						(rejected) -> assertThat(rejected.reason()).isEqualTo("future-timestamp"));
				long halfAMinuteAhead = NOW.plus(Duration.ofSeconds(30)).toEpochMilli();
				assertThat(handler.handle(fix(halfAMinuteAhead))).isInstanceOf(Handled.Accepted.class);
			});
	}

	@Test
	void theDefaultFutureSkewIsFiveMinutes() {
		this.runner
			.withPropertyValues("fleet.routes.gps.topics=cars.gps.json", "fleet.routes.gps.handler=gps-fix",
					"fleet.routes.gps.loaders=redis-position")
			.run((context) -> assertThat(context.getBean(GpsProperties.class).maxFutureSkew())
				.isEqualTo(Duration.ofMinutes(5)));
	}

	@Test
	void theParserFactoryAppliesEveryGpsSetting() {
		GpsFixParser parser = GpsAutoConfiguration.gpsFixParser(
				new GpsProperties(Duration.ofMinutes(1), Duration.ofHours(1)), Clock.fixed(NOW, ZoneOffset.UTC));
		long recordTs = NOW.toEpochMilli();
		assertThat(parser.parse("car-1", value(NOW.plus(Duration.ofMinutes(2)).toEpochMilli()), recordTs))
			.isInstanceOfSatisfying(Handled.Rejected.class,
					(rejected) -> assertThat(rejected.reason()).isEqualTo("future-timestamp"));
		assertThat(parser.parse("car-1", value(NOW.minus(Duration.ofHours(2)).toEpochMilli()), recordTs))
			.isInstanceOfSatisfying(Handled.Rejected.class,
					(rejected) -> assertThat(rejected.reason()).isEqualTo("past-timestamp"));
		assertThat(parser.parse("car-1", value(NOW.minus(Duration.ofMinutes(30)).toEpochMilli()), recordTs))
			.isInstanceOf(Handled.Accepted.class);
	}

	@Test
	void theHandlerTakesTheMaxPastSkewSetting() {
		this.runner
			.withPropertyValues("fleet.routes.gps.topics=cars.gps.json", "fleet.routes.gps.handler=gps-fix",
					"fleet.routes.gps.loaders=redis-position", "fleet.gps.max-past-skew=1h")
			.run((context) -> {
				GpsFixHandler handler = context.getBean(GpsFixHandler.class);
				long twoHoursBehind = NOW.minus(Duration.ofHours(2)).toEpochMilli();
				ConsumerRecord<String, byte[]> late = new ConsumerRecord<>("cars.gps.json", 0, 0, NOW.toEpochMilli(),
						TimestampType.CREATE_TIME, -1, -1, "car-1", value(twoHoursBehind), new RecordHeaders(),
						Optional.empty());
				assertThat(handler.handle(late)).isInstanceOfSatisfying(Handled.Rejected.class,
						(rejected) -> assertThat(rejected.reason()).isEqualTo("past-timestamp"));
			});
	}

	private static byte[] value(long ts) {
		return ("{\"lat\":37.5,\"lng\":127.0,\"ts\":" + ts + "}").getBytes(StandardCharsets.UTF_8);
	}

	private static ConsumerRecord<String, byte[]> fix(long ts) {
		String value = "{\"lat\":37.5,\"lng\":127.0,\"ts\":" + ts + "}";
		return new ConsumerRecord<>("cars.gps.json", 0, 0, "car-1", value.getBytes(StandardCharsets.UTF_8));
	}

}
