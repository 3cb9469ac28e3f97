package io.fleetstream.enrichment.snapshot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReferenceMergeTests {

	@Test
	void columnsOfBothTablesAreMergedAndOnlyCollidingNamesArePrefixed() {
		Map<String, Object> merged = ReferenceMerge.merge(DmsSamples.car(1), List.of(DmsSamples.device(1, "car-001")),
				"car_id");
		assertThat(merged)
			.containsOnlyKeys("car_id", "plate", "model", "zone", "fuel_type", "seats", "carinfo.updated_at",
					"device_id", "firmware", "battery_mv", "deviceinfo.updated_at")
			.containsEntry("car_id", "car-001")
			.containsEntry("plate", "12가1001")
			.containsEntry("seats", 5L)
			.containsEntry("carinfo.updated_at", "2026-11-30 10:00:00")
			.containsEntry("device_id", "dev-001")
			.containsEntry("firmware", "3.2.1")
			.containsEntry("deviceinfo.updated_at", "2026-11-30 11:00:00");
	}

	@Test
	void carWithoutDevicesKeepsItsNamesUnprefixedAndDropsNulls() {
		Map<String, Object> merged = ReferenceMerge.merge(DmsSamples.car(2), List.of(), "car_id");
		assertThat(merged).containsEntry("updated_at", "2026-11-30 10:00:00")
			.doesNotContainKey("retired_at")
			.hasSize(7);
	}

	@Test
	void aNullColumnStillMakesTheOtherTablesColumnPrefixed() {
		Map<String, Object> device = new LinkedHashMap<>(DmsSamples.device(1, "car-001"));
		device.put("retired_at", "2026-01-01");
		Map<String, Object> merged = ReferenceMerge.merge(DmsSamples.car(1), List.of(device), "car_id");
		assertThat(merged).containsEntry("deviceinfo.retired_at", "2026-01-01")
			.doesNotContainKeys("retired_at", "carinfo.retired_at");
	}

	@Test
	void withSeveralDevicesTheLowestDeviceIdWithAValueWins() {
		Map<String, Object> first = new LinkedHashMap<>(DmsSamples.device(1, "car-001"));
		first.put("firmware", null);
		Map<String, Object> second = DmsSamples.device(2, "car-001");
		Map<String, Object> merged = ReferenceMerge.merge(DmsSamples.car(1), List.of(first, second), "car_id");
		assertThat(merged).containsEntry("device_id", "dev-001")
			.containsEntry("firmware", "3.2.2")
			.containsEntry("battery_mv", 3701L);
	}

	@Test
	void devicesAreOrderedByTheirUtf8Bytes() {
		assertThat(List.of("dev-b", "dev-10", "dev-9", "dev-A").stream().sorted(ReferenceMerge.DEVICE_ORDER).toList())
			.containsExactly("dev-10", "dev-9", "dev-A", "dev-b");
	}

	@Test
	void joinValueNamesACarOnlyWhenItIsANonEmptyStringOrAnInteger() {
		assertThat(ReferenceMerge.carIdOf("car-1")).isEqualTo("car-1");
		assertThat(ReferenceMerge.carIdOf(12L)).isEqualTo("12");
		assertThat(ReferenceMerge.carIdOf("")).isNull();
		assertThat(ReferenceMerge.carIdOf(null)).isNull();
	}

}
