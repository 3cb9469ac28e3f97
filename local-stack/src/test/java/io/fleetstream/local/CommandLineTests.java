package io.fleetstream.local;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CommandLineTests {

	@Test
	void defaultsAreTwoThousandCarsAtOneHertzOnTheUsualPorts() {
		LocalStackProperties properties = CommandLine.parse().properties();
		assertThat(properties.simulator().cars()).isEqualTo(2000);
		assertThat(properties.simulator().intervalMs()).isEqualTo(1000);
		assertThat(properties.simulator().badRecordRate()).isZero();
		assertThat(properties.simulator().topics().gps()).isEqualTo("cars.gps.json");
		assertThat(properties.ports().kafka()).isNull();
	}

	@Test
	void shortOptionsAndFullPropertiesSetTheLocalStack() {
		CommandLine commandLine = CommandLine.parse("--cars=50", "--rate-hz=2", "--kafka-port=0",
				"--fleet.local.simulator.bad-record-rate=0.01", "--simulator=false");
		assertThat(commandLine.properties().simulator().cars()).isEqualTo(50);
		assertThat(commandLine.properties().simulator().intervalMs()).isEqualTo(500);
		assertThat(commandLine.properties().simulator().badRecordRate()).isEqualTo(0.01);
		assertThat(commandLine.properties().simulator().enabled()).isFalse();
		assertThat(commandLine.properties().ports().kafka()).isZero();
		assertThat(commandLine.serviceArguments()).isEmpty();
	}

	@Test
	void otherPropertiesGoToTheServices() {
		CommandLine commandLine = CommandLine.parse("--fleet.ingest.geo-shards=4", "--cars=10");
		assertThat(commandLine.serviceArguments()).containsExactly("--fleet.ingest.geo-shards=4");
	}

	@Test
	void unknownOptionsAndBadValuesAreRejectedWithUsage() {
		assertThatIllegalArgumentException().isThrownBy(() -> CommandLine.parse("--car=10"))
			.withMessageContaining("Unknown option --car")
			.withMessageContaining("--cars");
		assertThatIllegalArgumentException().isThrownBy(() -> CommandLine.parse("cars=10"))
			.withMessageContaining("Expected --name=value");
		assertThatIllegalArgumentException().isThrownBy(() -> CommandLine.parse("--cars=many"))
			.withMessageContaining("fleet.local.simulator.cars");
		assertThatIllegalArgumentException().isThrownBy(() -> CommandLine.parse("--bad-record-rate=2"))
			.withMessageContaining("bad-record-rate must be in [0, 1]");
	}

}
