package io.fleetstream.common;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CarIdsTests {

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "car-00042", "A.b_c:d-9", "x",
			"0123456789012345678901234567890123456789012345678901234567890123" })
	void idsFollowingTheRuleAreValid(String carId) {
		assertThat(CarIds.isValid(carId)).isTrue();
		assertThat(CarIds.pattern().matcher(carId).matches()).isTrue();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "", " ", "p sp", "line\nbreak", "{x}", "car/1", "caf\u00e9", "\ufffd", "tab\t",
			"01234567890123456789012345678901234567890123456789012345678901234" })
	void idsBreakingTheRuleAreInvalidByTheCheckAndByThePatternAlike(String carId) {
		assertThat(CarIds.isValid(carId)).isFalse();
		assertThat(CarIds.pattern().matcher(carId).matches()).isFalse();
	}

	@org.junit.jupiter.api.Test
	void nullAndAKeyThatWasNotUtf8AreInvalid() {
		assertThat(CarIds.isValid(null)).isFalse();
		// what the consumer's StringDeserializer makes of invalid UTF-8 bytes
		String decoded = new String(new byte[] { 'c', (byte) 0xC3, (byte) 0x28 }, StandardCharsets.UTF_8);
		assertThat(CarIds.isValid(decoded)).isFalse();
	}

}
