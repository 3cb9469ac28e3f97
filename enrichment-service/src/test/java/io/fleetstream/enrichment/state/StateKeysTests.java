package io.fleetstream.enrichment.state;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StateKeysTests {

	@Test
	void carKeysAreTheDocumentedNamesInUtf8() {
		String car = "car-7 차";
		byte[][] keys = StateKeys.carKeys(car);
		assertThat(new String(keys[0], StandardCharsets.UTF_8)).isEqualTo(StateKeys.values(car))
			.isEqualTo("fleet:state:{car-7 차}");
		assertThat(new String(keys[1], StandardCharsets.UTF_8)).isEqualTo(StateKeys.times(car))
			.isEqualTo("fleet:state:{car-7 차}:t");
		assertThat(new String(keys[2], StandardCharsets.UTF_8)).isEqualTo(StateKeys.arrays(car))
			.isEqualTo("fleet:state:{car-7 차}:a");
	}

}
