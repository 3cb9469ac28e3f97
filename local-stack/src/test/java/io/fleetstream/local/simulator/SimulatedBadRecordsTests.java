package io.fleetstream.local.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

import io.fleetstream.common.gps.GpsAutoConfiguration;
import io.fleetstream.common.gps.GpsProperties;
import io.fleetstream.common.pipeline.Handled;
import io.fleetstream.enrichment.EnrichmentProperties.FlattenSettings;
import io.fleetstream.enrichment.EnrichmentProperties.SnapshotSettings;
import io.fleetstream.enrichment.flatten.JsonFlattener;
import io.fleetstream.enrichment.snapshot.DmsCdcHandler;
import io.fleetstream.enrichment.telemetry.TelemetryHandler;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's broken status messages and CDC records are rejected by
 * enrichment-service's real parsers (its telemetry handler and its DMS handler, with the
 * service's default bounds and tables) for the reason each kind is meant to show, so each
 * ends on its dead-letter topic with that reason in a local stack.
 */
class SimulatedBadRecordsTests {

	private static final long NOW = 1_763_800_000_000L;

	private final TelemetryHandler telemetry = new TelemetryHandler(
			GpsAutoConfiguration.gpsFixParser(new GpsProperties(Duration.ofMinutes(5), Duration.ofDays(7)),
					Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC)),
			new JsonFlattener(new FlattenSettings(16, 1000, 1024, 256)), Set.of("cars.gps.json"));

	private final DmsCdcHandler cdc = new DmsCdcHandler(SnapshotSettings.defaults());

	@ParameterizedTest
	@EnumSource(BadStatus.class)
	void eachBadStatusIsRejectedForTheReasonItShows(BadStatus kind) {
		SimulatedRecord record = kind.record("car-00007");
		assertThat(reason(this.telemetry.handle(consumed("cars.status.json", record)))).isEqualTo(switch (kind) {
			case MALFORMED_JSON -> "invalid-json";
			case NOT_AN_OBJECT -> "not-an-object";
			case MISSING_CAR_ID -> "missing-car-id";
			case TOO_DEEP -> "too-deep";
			case TOO_MANY_ATTRIBUTES -> "too-many-paths";
			case OVERSIZED_VALUE -> "string-too-long";
		});
	}

	@ParameterizedTest
	@EnumSource(BadCdc.class)
	void eachBadCdcRecordIsRejectedForTheReasonItShows(BadCdc kind) {
		SimulatedRecord record = kind.record("car-00007");
		assertThat(reason(this.cdc.handle(consumed("cdc.carinfo", record)))).isEqualTo(switch (kind) {
			case MALFORMED_JSON -> "malformed-json";
			case MISSING_DATA -> "missing-data";
			case MISSING_METADATA -> "missing-metadata";
			case UNKNOWN_TABLE -> "unknown-table";
			case MISSING_KEY_COLUMN -> "missing-key-column";
			case UNKNOWN_OPERATION -> "unknown-operation";
		});
	}

	private static ConsumerRecord<String, byte[]> consumed(String topic, SimulatedRecord record) {
		return new ConsumerRecord<>(topic, 0, 42, NOW, TimestampType.CREATE_TIME, -1, -1, record.key(), record.value(),
				new RecordHeaders(), Optional.empty());
	}

	private static String reason(Handled<?> handled) {
		assertThat(handled).isInstanceOf(Handled.Rejected.class);
		return ((Handled.Rejected<?>) handled).reason();
	}

}
