package io.fleetstream.local.infra;

import java.net.InetAddress;
import java.net.ServerSocket;

import io.fleetstream.devinfra.FreePorts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PortChooserTests {

	private final PortChooser chooser = new PortChooser();

	@Test
	void anUnsetPortIsTheUsualOneWhenFree() {
		int usual = FreePorts.find();
		assertThat(this.chooser.choose("Redis", "--redis-port", null, usual)).isEqualTo(usual);
		assertThat(this.chooser.notes()).isEmpty();
	}

	@Test
	void anUnsetPortFallsBackToAFreeOneWithANoteWhenTheUsualOneIsTaken() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			int port = this.chooser.choose("Redis", "--redis-port", null, taken.getLocalPort());
			assertThat(port).isNotEqualTo(taken.getLocalPort());
			assertThat(FreePorts.isFree(port)).isTrue();
			assertThat(this.chooser.notes()).singleElement()
				.asString()
				.contains("port " + taken.getLocalPort() + " is taken", "using " + port, "--redis-port");
		}
	}

	@Test
	void aPortThatWasSetMustBeFree() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			assertThatExceptionOfType(PortChooser.PortInUseException.class)
				.isThrownBy(() -> this.chooser.choose("Kafka", "--kafka-port", taken.getLocalPort(), 9092))
				.withMessageContaining("port " + taken.getLocalPort())
				.withMessageContaining("--kafka-port=<port>");
		}
	}

	@Test
	void zeroMeansAnyFreePortAndNoPortIsChosenTwice() {
		int usual = FreePorts.find();
		int first = this.chooser.choose("ingest-service", "--http-port", null, usual);
		int second = this.chooser.choose("ingest-service management", "--management-port", null, usual);
		int third = this.chooser.choose("Kafka", "--kafka-port", 0, 9092);
		assertThat(first).isEqualTo(usual);
		assertThat(second).isNotEqualTo(first);
		assertThat(third).isNotIn(first, second).isPositive();
	}

}
