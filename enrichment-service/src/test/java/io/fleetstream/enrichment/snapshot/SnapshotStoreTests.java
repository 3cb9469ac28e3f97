package io.fleetstream.enrichment.snapshot;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.fleetstream.common.pipeline.Handled;
import io.fleetstream.enrichment.EnrichmentProperties.SnapshotSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SnapshotStoreTests {

	private static final Instant T0 = DmsSamples.LOAD_TIME;

	private final DmsRecordParser parser = new DmsRecordParser(DmsSamples.MAPPER, SnapshotSettings.defaults());

	private final SnapshotStore store = new SnapshotStore("car_id");

	private long offset;

	@Test
	void loadedCarIsMergedWithItsDevice() {
		apply("carinfo", "load", DmsSamples.car(1), T0);
		apply("deviceinfo", "load", DmsSamples.device(1, "car-001"), T0);
		assertThat(this.store.referenceOf("car-001"))
			.isEqualTo(ReferenceMerge.merge(DmsSamples.car(1), java.util.List.of(DmsSamples.device(1, "car-001")),
					"car_id"))
			.containsEntry("seats", 5L)
			.containsEntry("firmware", "3.2.1");
		assertThat(this.store.cars()).isEqualTo(1);
		assertThat(this.store.devices()).isEqualTo(1);
	}

	@Test
	void unknownCarHasNoReference() {
		assertThat(this.store.referenceOf("nope")).isEmpty();
		assertThat(this.store.referenceOf(null)).isEmpty();
	}

	@Test
	void referenceCannotBeChangedByItsReader() {
		apply("carinfo", "load", DmsSamples.car(1), T0);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> this.store.referenceOf("car-001").put("zone", "x"));
	}

	@Test
	void olderUpdateArrivingLateNeverOverwritesANewerOne() {
		apply("carinfo", "load", DmsSamples.car(1), T0);
		assertThat(apply("carinfo", "update", with(DmsSamples.car(1), "zone", "jongno"), T0.plusSeconds(20))).isTrue();
		assertThat(apply("carinfo", "update", with(DmsSamples.car(1), "zone", "yongsan"), T0.plusSeconds(10)))
			.isFalse();
		assertThat(this.store.referenceOf("car-001")).containsEntry("zone", "jongno");
	}

	@Test
	void replayOfTheSameRecordAppliesAgainAndChangesNothing() {
		String json = DmsSamples.record("carinfo", "update", with(DmsSamples.car(1), "zone", "jongno"), T0);
		assertThat(this.store.apply(parse(json, 5))).isTrue();
		Map<String, Object> before = new HashMap<>(this.store.referenceOf("car-001"));
		assertThat(this.store.apply(parse(json, 5))).isTrue();
		assertThat(this.store.referenceOf("car-001")).isEqualTo(before);
	}

	@Test
	void deletedCarKeepsNoReferenceAndAnOlderInsertDoesNotResurrectIt() {
		apply("carinfo", "load", DmsSamples.car(1), T0);
		apply("deviceinfo", "load", DmsSamples.device(1, "car-001"), T0);
		apply("carinfo", "delete", DmsSamples.car(1), T0.plusSeconds(30));
		assertThat(this.store.referenceOf("car-001")).isEmpty();
		assertThat(apply("carinfo", "insert", DmsSamples.car(1), T0.plusSeconds(10))).isFalse();
		assertThat(this.store.referenceOf("car-001")).isEmpty();
		assertThat(this.store.cars()).isZero();
		// its device stays installed: a newer insert of the car brings it back with it
		assertThat(apply("carinfo", "insert", DmsSamples.car(1), T0.plusSeconds(40))).isTrue();
		assertThat(this.store.referenceOf("car-001")).containsEntry("device_id", "dev-001");
	}

	@Test
	void deviceMovedToAnotherCarLeavesTheOldOne() {
		apply("carinfo", "load", DmsSamples.car(1), T0);
		apply("carinfo", "load", DmsSamples.car(2), T0);
		apply("deviceinfo", "load", DmsSamples.device(1, "car-001"), T0);
		apply("deviceinfo", "update", DmsSamples.device(1, "car-002"), T0.plusSeconds(5));
		assertThat(this.store.referenceOf("car-001")).doesNotContainKeys("device_id", "firmware",
				"deviceinfo.updated_at");
		assertThat(this.store.referenceOf("car-001")).containsEntry("updated_at", "2026-11-30 10:00:00");
		assertThat(this.store.referenceOf("car-002")).containsEntry("device_id", "dev-001")
			.containsEntry("carinfo.updated_at", "2026-11-30 10:00:00");
	}

	@Test
	void deletedDeviceLeavesItsCar() {
		apply("carinfo", "load", DmsSamples.car(1), T0);
		apply("deviceinfo", "load", DmsSamples.device(1, "car-001"), T0);
		apply("deviceinfo", "delete", DmsSamples.device(1, "car-001"), T0.plusSeconds(1));
		assertThat(this.store.referenceOf("car-001"))
			.isEqualTo(ReferenceMerge.merge(DmsSamples.car(1), java.util.List.of(), "car_id"));
		assertThat(this.store.devices()).isZero();
	}

	@Test
	void deviceArrivingBeforeItsCarIsMergedOnceTheCarArrives() {
		apply("deviceinfo", "load", DmsSamples.device(1, "car-001"), T0);
		assertThat(this.store.referenceOf("car-001")).isEmpty();
		apply("carinfo", "load", DmsSamples.car(1), T0);
		assertThat(this.store.referenceOf("car-001")).containsEntry("device_id", "dev-001");
	}

	@Test
	void snapshotReadBackFromStoredRowsEqualsTheOneBuiltRecordByRecord() {
		RowCodec codec = new RowCodec(DmsSamples.MAPPER);
		Map<String, Map<String, Object>> cars = new LinkedHashMap<>();
		Map<String, RowVersion> carVersions = new LinkedHashMap<>();
		Map<String, Map<String, Object>> devices = new LinkedHashMap<>();
		Map<String, RowVersion> deviceVersions = new LinkedHashMap<>();
		for (int i = 1; i <= 5; i++) {
			CdcRecord car = parse(DmsSamples.record("carinfo", "load", DmsSamples.car(i), T0), this.offset++);
			CdcRecord device = parse(
					DmsSamples.record("deviceinfo", "load", DmsSamples.device(i, DmsSamples.carId(6 - i)), T0),
					this.offset++);
			this.store.apply(car);
			this.store.apply(device);
			cars.put(car.key(), codec.decode(codec.encode(car.columns())));
			carVersions.put(car.key(), car.version());
			devices.put(device.key(), codec.decode(codec.encode(device.columns())));
			deviceVersions.put(device.key(), device.version());
		}
		CdcRecord deleted = parse(DmsSamples.record("carinfo", "delete", DmsSamples.car(3), T0.plusSeconds(1)), 99);
		this.store.apply(deleted);
		cars.remove("car-003");
		carVersions.put("car-003", deleted.version());
		SnapshotStore reloaded = new SnapshotStore("car_id");
		reloaded.replaceAll(new SnapshotStore.StoredSnapshot(cars, carVersions, devices, deviceVersions));
		for (int i = 1; i <= 5; i++) {
			assertThat(reloaded.referenceOf(DmsSamples.carId(i)))
				.isEqualTo(this.store.referenceOf(DmsSamples.carId(i)));
		}
		assertThat(reloaded.cars()).isEqualTo(4);
		assertThat(reloaded.devices()).isEqualTo(5);
		// the deletion's version came back too
		assertThat(reloaded.apply(parse(DmsSamples.record("carinfo", "insert", DmsSamples.car(3), T0), 1))).isFalse();
	}

	@Test
	void controlRecordIsNeverApplied() {
		CdcRecord control = parse(DmsSamples.control("carinfo", "add-column", T0), 0);
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> this.store.apply(control));
	}

	private boolean apply(String table, String operation, Map<String, Object> row, Instant time) {
		return this.store.apply(parse(DmsSamples.record(table, operation, row, time), this.offset++));
	}

	private CdcRecord parse(String json, long offset) {
		Handled<CdcRecord> handled = this.parser.parse(json.getBytes(StandardCharsets.UTF_8), offset, 0);
		return ((Handled.Accepted<CdcRecord>) handled).value();
	}

	private static Map<String, Object> with(Map<String, Object> row, String column, Object value) {
		Map<String, Object> changed = new LinkedHashMap<>(row);
		changed.put(column, value);
		return changed;
	}

}
