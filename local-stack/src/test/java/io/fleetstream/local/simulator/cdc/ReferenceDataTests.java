package io.fleetstream.local.simulator.cdc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ReferenceDataTests {

	private static final Instant NOW = Instant.parse("2026-12-01T10:15:30.123456789Z");

	private final JsonMapper json = JsonMapper.builder().build();

	private final SplittableRandom random = new SplittableRandom(9);

	private final ReferenceData tables = new ReferenceData(100, (i) -> i % 3 == 0, this.random);

	@Test
	void theFullLoadIsEveryRowOfBothTablesInTheDmsFormat() {
		List<DmsRecord> load = this.tables.fullLoad(NOW);
		assertThat(load).hasSize(200);
		JsonNode car = this.json.readTree(load.get(0).json());
		assertThat(car.get("data").get("car_id").stringValue()).isEqualTo("car-00001");
		assertThat(car.get("data").get("fuel_type").stringValue()).isEqualTo("EV");
		assertThat(car.get("data").get("plate").stringValue()).matches("\\d{2}[가-힣]\\d{4}");
		JsonNode metadata = car.get("metadata");
		assertThat(metadata.get("timestamp").stringValue()).isEqualTo("2026-12-01T10:15:30.123456Z");
		assertThat(metadata.get("record-type").stringValue()).isEqualTo("data");
		assertThat(metadata.get("operation").stringValue()).isEqualTo("load");
		assertThat(metadata.get("partition-key-type").stringValue()).isEqualTo("primary-key");
		assertThat(metadata.get("schema-name").stringValue()).isEqualTo("fleet");
		assertThat(metadata.get("table-name").stringValue()).isEqualTo("carinfo");
		assertThat(metadata.has("transaction-id")).as("a full load has no transaction").isFalse();
		assertThat(load.get(0).key()).isEqualTo("car-00001");
		assertThat(load.get(0).topic()).isEqualTo("cdc.carinfo");
		JsonNode device = this.json.readTree(load.get(100).json());
		assertThat(device.get("data").get("device_id").stringValue()).isEqualTo("dev-00001");
		assertThat(device.get("data").get("car_id").stringValue()).isEqualTo("car-00001");
		assertThat(load.get(100).topic()).isEqualTo("cdc.deviceinfo");
	}

	@Test
	void changesAreUpdatesWithTheirBeforeImageAndTransactionCyclingThroughTheKinds() {
		List<DmsRecord> firmware = this.tables.nextChange(NOW, this.random);
		assertThat(firmware).singleElement().satisfies((update) -> {
			assertThat(update.table()).isEqualTo("deviceinfo");
			assertThat(update.row().get("firmware")).isEqualTo(ReferenceData.NEW_FIRMWARE);
			assertThat(update.beforeImage().get("firmware")).isNotEqualTo(ReferenceData.NEW_FIRMWARE);
			JsonNode message = this.json.readTree(update.json());
			assertThat(message.get("metadata").get("operation").stringValue()).isEqualTo("update");
			assertThat(message.get("metadata").get("transaction-id").asLong()).isPositive();
			assertThat(message.get("before-image").get("firmware").stringValue())
				.isEqualTo(update.beforeImage().get("firmware"));
		});
		List<DmsRecord> zone = this.tables.nextChange(NOW, this.random);
		assertThat(zone).singleElement().satisfies((update) -> assertThat(update.table()).isEqualTo("carinfo"));
		List<DmsRecord> swap = new ArrayList<>();
		while (swap.isEmpty()) {
			swap = this.tables.nextChange(NOW, this.random);
			if (swap.size() == 1) {
				swap = List.of();
			}
		}
		assertThat(swap).hasSize(2);
		assertThat(swap.get(0).transactionId()).isEqualTo(swap.get(1).transactionId());
	}

	@Test
	void aDeviceSwapExchangesTheCarsOfTwoDevicesAndLeavesEveryCarWithOneDevice() {
		Map<String, String> carOfDevice = new HashMap<>();
		for (DmsRecord record : this.tables.fullLoad(NOW)) {
			if (record.table().equals("deviceinfo")) {
				carOfDevice.put(record.key(), (String) record.row().get("car_id"));
			}
		}
		for (int i = 0; i < 30; i++) {
			for (DmsRecord record : this.tables.nextChange(NOW, this.random)) {
				if (record.table().equals("deviceinfo")) {
					assertThat(carOfDevice.get(record.key())).isEqualTo(record.beforeImage().get("car_id"));
					carOfDevice.put(record.key(), (String) record.row().get("car_id"));
				}
			}
		}
		assertThat(new java.util.HashSet<>(carOfDevice.values())).hasSize(100);
	}

}
