package io.fleetstream.enrichment.snapshot;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import io.fleetstream.common.pipeline.Handled;
import io.fleetstream.enrichment.EnrichmentProperties.SnapshotSettings;
import io.fleetstream.enrichment.schema.JsonType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class DmsRecordParserTests {

	private final DmsRecordParser parser = new DmsRecordParser(DmsSamples.MAPPER, SnapshotSettings.defaults());

	@Test
	void carLoadBecomesAnUpsertOfItsRowWithJsonNativeValues() {
		CdcRecord car = accepted(DmsSamples.record("carinfo", "load", DmsSamples.car(7), DmsSamples.LOAD_TIME), 42);
		assertThat(car.table()).isEqualTo(CdcRecord.Table.CAR);
		assertThat(car.operation()).isEqualTo(CdcRecord.Operation.LOAD);
		assertThat(car.key()).isEqualTo("car-007");
		assertThat(car.carId()).isEqualTo("car-007");
		assertThat(car.columns()).containsEntry("seats", 5L)
			.containsEntry("model", "Niro")
			.containsEntry("retired_at", null)
			.hasSize(8);
		assertThat(car.attributeTypes()).containsEntry("seats", JsonType.NUMBER)
			.containsEntry("plate", JsonType.STRING)
			.containsEntry("retired_at", JsonType.NULL);
		assertThat(car.control()).isNull();
		assertThat(car.version())
			.isEqualTo(new RowVersion(ChronoUnit.MICROS.between(Instant.EPOCH, DmsSamples.LOAD_TIME), 0, 42));
	}

	@Test
	void deviceNamesItsCarByTheJoinColumnAndMayHaveNone() {
		CdcRecord installed = accepted(
				DmsSamples.record("deviceinfo", "insert", DmsSamples.device(3, "car-009"), DmsSamples.LOAD_TIME), 0);
		assertThat(installed.table()).isEqualTo(CdcRecord.Table.DEVICE);
		assertThat(installed.key()).isEqualTo("dev-003");
		assertThat(installed.carId()).isEqualTo("car-009");
		CdcRecord spare = accepted(
				DmsSamples.record("deviceinfo", "update", DmsSamples.device(3, null), DmsSamples.LOAD_TIME), 0);
		assertThat(spare.carId()).isNull();
	}

	@Test
	void numericKeysAreTheirDecimalText() {
		Map<String, Object> row = new LinkedHashMap<>(DmsSamples.device(1, null));
		row.put("device_id", 981);
		row.put("car_id", 12);
		CdcRecord device = accepted(DmsSamples.record("deviceinfo", "insert", row, DmsSamples.LOAD_TIME), 0);
		assertThat(device.key()).isEqualTo("981");
		assertThat(device.carId()).isEqualTo("12");
	}

	@Test
	void commitTimestampAndTransactionIdOrderTheRecord() {
		String json = """
				{"data": {"car_id": "car-1"},
				 "metadata": {"timestamp": "2026-12-01T10:00:05.000002Z", "commit-timestamp": "2026-12-01T10:00:01.5Z",
				  "record-type": "data", "operation": "update", "schema-name": "fleet", "table-name": "carinfo",
				  "transaction-id": 9007}}""";
		CdcRecord record = accepted(json, 3);
		assertThat(record.version()).isEqualTo(new RowVersion(
				ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse("2026-12-01T10:00:01.5Z")), 9007, 3));
	}

	@Test
	void zoneLessTimestampIsUtc() {
		assertThat(DmsRecordParser.timestamp("2026-12-01 10:00:01.123456"))
			.isEqualTo(Instant.parse("2026-12-01T10:00:01.123456Z"));
	}

	@Test
	void controlRecordIsAcceptedWithItsMetadataAndNoData() {
		CdcRecord control = accepted(DmsSamples.control("carinfo", "add-column", DmsSamples.LOAD_TIME), 0);
		assertThat(control.isControl()).isTrue();
		assertThat(control.control().operation()).isEqualTo("add-column");
		assertThat(control.control().table()).isEqualTo("carinfo");
		assertThat(control.control().schema()).isEqualTo("fleet");
		assertThat(control.control().metadata()).containsEntry("record-type", "control")
			.containsEntry("partition-key-type", "task-id");
		assertThat(control.table()).isNull();
	}

	@Test
	void controlRecordOfAnyTableIsAccepted() {
		assertThat(accepted(DmsSamples.control("awsdms_status", "create-table", DmsSamples.LOAD_TIME), 0).isControl())
			.isTrue();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
							malformed-json      | {"data":
							malformed-json      | ''
							not-an-object       | [1, 2]
							missing-metadata    | {"data": {"car_id": "c"}}
							missing-metadata    | {"data": {"car_id": "c"}, "metadata": "x"}
							unknown-record-type | {"data": {"car_id": "c"}, "metadata": {"record-type": "ddl", "operation": "load", "table-name": "carinfo", "timestamp": "2026-12-01T10:00:00Z"}}
							unknown-record-type | {"data": {"car_id": "c"}, "metadata": {"operation": "load", "table-name": "carinfo", "timestamp": "2026-12-01T10:00:00Z"}}
							missing-data        | {"metadata": {"record-type": "data", "operation": "load", "table-name": "carinfo", "timestamp": "2026-12-01T10:00:00Z"}}
							missing-data        | {"data": [1], "metadata": {"record-type": "data", "operation": "load", "table-name": "carinfo", "timestamp": "2026-12-01T10:00:00Z"}}
							unknown-operation   | {"data": {"car_id": "c"}, "metadata": {"record-type": "data", "operation": "truncate", "table-name": "carinfo", "timestamp": "2026-12-01T10:00:00Z"}}
							unknown-operation   | {"data": {"car_id": "c"}, "metadata": {"record-type": "data", "table-name": "carinfo", "timestamp": "2026-12-01T10:00:00Z"}}
							unknown-table       | {"data": {"car_id": "c"}, "metadata": {"record-type": "data", "operation": "load", "table-name": "drivers", "timestamp": "2026-12-01T10:00:00Z"}}
							unknown-table       | {"data": {"car_id": "c"}, "metadata": {"record-type": "data", "operation": "load", "timestamp": "2026-12-01T10:00:00Z"}}
							missing-key-column  | {"data": {"plate": "p"}, "metadata": {"record-type": "data", "operation": "load", "table-name": "carinfo", "timestamp": "2026-12-01T10:00:00Z"}}
							missing-key-column  | {"data": {"car_id": null}, "metadata": {"record-type": "data", "operation": "load", "table-name": "carinfo", "timestamp": "2026-12-01T10:00:00Z"}}
							missing-key-column  | {"data": {"car_id": 1.5}, "metadata": {"record-type": "data", "operation": "load", "table-name": "carinfo", "timestamp": "2026-12-01T10:00:00Z"}}
							missing-key-column  | {"data": {"car_id": "c"}, "metadata": {"record-type": "data", "operation": "load", "table-name": "deviceinfo", "timestamp": "2026-12-01T10:00:00Z"}}
							invalid-join-column | {"data": {"device_id": "d", "car_id": true}, "metadata": {"record-type": "data", "operation": "load", "table-name": "deviceinfo", "timestamp": "2026-12-01T10:00:00Z"}}
							invalid-car-id      | {"data": {"car_id": "car 1"}, "metadata": {"record-type": "data", "operation": "load", "table-name": "carinfo", "timestamp": "2026-12-01T10:00:00Z"}}
							invalid-car-id      | {"data": {"car_id": "car-1\\n"}, "metadata": {"record-type": "data", "operation": "insert", "table-name": "carinfo", "timestamp": "2026-12-01T10:00:00Z"}}
							invalid-car-id      | {"data": {"device_id": "d", "car_id": "<b>car</b>"}, "metadata": {"record-type": "data", "operation": "update", "table-name": "deviceinfo", "timestamp": "2026-12-01T10:00:00Z"}}
							invalid-timestamp   | {"data": {"car_id": "c"}, "metadata": {"record-type": "data", "operation": "load", "table-name": "carinfo", "timestamp": "yesterday"}}
							invalid-timestamp   | {"data": {"car_id": "c"}, "metadata": {"record-type": "data", "operation": "load", "table-name": "carinfo"}}
					invalid-timestamp   | {"data": {"car_id": "c"}, "metadata": {"record-type": "data", "operation": "load", "table-name": "carinfo", "timestamp": "1969-12-31T23:59:59Z"}}
							""")
	void malformedRecordIsRejectedWithItsReason(String reason, String json) {
		Handled<CdcRecord> handled = this.parser.parse(json.getBytes(StandardCharsets.UTF_8), 0, 0);
		assertThat(handled).isInstanceOfSatisfying(Handled.Rejected.class, (rejected) -> {
			assertThat(rejected.reason()).isEqualTo(reason);
			assertThat(rejected.detail()).isNotBlank();
		});
	}

	@Test
	void emptyValueIsMalformed() {
		assertThat(this.parser.parse(null, 0, 0)).isInstanceOfSatisfying(Handled.Rejected.class,
				(rejected) -> assertThat(rejected.reason()).isEqualTo("malformed-json"));
	}

	private CdcRecord accepted(String json, long offset) {
		Handled<CdcRecord> handled = this.parser.parse(json.getBytes(StandardCharsets.UTF_8), offset, 1);
		assertThat(handled).isInstanceOf(Handled.Accepted.class);
		return ((Handled.Accepted<CdcRecord>) handled).value();
	}

}
