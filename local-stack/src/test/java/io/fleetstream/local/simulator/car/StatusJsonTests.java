package io.fleetstream.local.simulator.car;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class StatusJsonTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void signalsAreWrittenInTheNestedShapeDevicesSend() {
		Signals signals = new Signals();
		signals.set(Signal.ENGINE_ON, false);
		signals.set(Signal.COOLANT_TEMP_C, 88.54);
		signals.set(Signal.OIL_LEVEL, Signal.OilLevels.NORMAL);
		signals.set(Signal.OIL_TEMP_C, 90.1);
		signals.set(Signal.DOOR_FRONT_LEFT, Signal.Doors.OPEN);
		signals.set(Signal.LOCKED, true);
		signals.set(Signal.HEADLIGHTS, Signal.Lights.ON);
		signals.set(Signal.TIRE_REAR_RIGHT, 226);
		signals.set(Signal.SPEED_KMH, 12.4);
		signals.set(Signal.LANE_CAMERA_CALIBRATED, true);
		byte[] status = StatusJson.encode(1_763_800_000_123L, signals,
				List.of(Signal.ENGINE_ON, Signal.COOLANT_TEMP_C, Signal.OIL_LEVEL, Signal.OIL_TEMP_C,
						Signal.DOOR_FRONT_LEFT, Signal.LOCKED, Signal.HEADLIGHTS, Signal.TIRE_REAR_RIGHT,
						Signal.SPEED_KMH, Signal.LANE_CAMERA_CALIBRATED));
		JsonNode expected = this.json.readTree("""
				{"ts":1763800000123,
				 "engine":{"on":false,"coolantTempC":88.54,"oil":{"level":"NORMAL","tempC":90.1}},
				 "body":{"doors":{"frontLeft":"OPEN"},"locked":true,"lights":{"headlights":"ON"}},
				 "tires":{"pressureKpa":{"rearRight":226}},
				 "speedKmh":12,
				 "adas":{"laneKeeping":{"camera":{"calibration":{"ok":true}}}}}
				""");
		assertThat(this.json.readTree(new String(status, StandardCharsets.UTF_8))).isEqualTo(expected);
	}

	@Test
	void aSingleChangeIsAMessageOfThatSignalAlone() {
		Signals signals = new Signals();
		signals.set(Signal.HEADLIGHTS, Signal.Lights.OFF);
		assertThat(new String(StatusJson.encode(5, signals, List.of(Signal.HEADLIGHTS)), StandardCharsets.UTF_8))
			.isEqualTo("{\"ts\":5,\"body\":{\"lights\":{\"headlights\":\"OFF\"}}}");
	}

}
