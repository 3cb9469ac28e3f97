package io.fleetstream.local.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.fleetstream.local.CommandLine;
import io.fleetstream.local.LocalStackProperties;
import io.fleetstream.local.simulator.car.CarProfile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TelemetryOutputTests {

	private static final CarProfile CAR = new CarProfile("car-00001", "dev-00001", false, false, 1, 230);

	private final List<Sent> sent = new ArrayList<>();

	@Test
	void withNoFaultsEveryReportIsSentOnceInOrder() {
		TelemetryOutput output = output();
		for (int i = 0; i < 100; i++) {
			output.gps(CAR, 37.5, 127.0, 1000L * i, 30, 90);
		}
		output.status(CAR, 5, "{\"ts\":5}".getBytes(StandardCharsets.UTF_8));
		assertThat(this.sent).hasSize(101);
		assertThat(this.sent.subList(0, 100))
			.allSatisfy((record) -> assertThat(record.topic()).isEqualTo("cars.gps.json"));
		assertThat(this.sent.get(100).topic()).isEqualTo("cars.status.json");
		assertThat(this.sent.get(100).key()).isEqualTo("car-00001");
	}

	@Test
	void duplicatesAreTheSameFixSentAgain() {
		TelemetryOutput output = output("--duplicate-rate=1");
		output.gps(CAR, 37.5, 127.0, 1000, 30, 90);
		assertThat(this.sent).hasSize(2);
		assertThat(this.sent.get(0).value()).isEqualTo(this.sent.get(1).value());
	}

	@Test
	void anOutOfOrderFixIsSentRightAfterTheCarsNextOne() {
		TelemetryOutput output = output("--out-of-order-rate=1");
		output.gps(CAR, 37.5, 127.0, 1000, 30, 90);
		assertThat(this.sent).isEmpty();
		output.gps(CAR, 37.6, 127.0, 2000, 30, 90);
		assertThat(this.sent)
			.extracting((record) -> record.text().contains("\"ts\":2000"),
					(record) -> record.text().contains("\"ts\":1000"))
			.containsExactly(org.assertj.core.groups.Tuple.tuple(true, false),
					org.assertj.core.groups.Tuple.tuple(false, true));
	}

	@Test
	void brokenStatusMessagesCycleThroughEveryKind() {
		TelemetryOutput output = output("--bad-record-rate=1");
		for (int i = 0; i < BadStatus.values().length; i++) {
			output.status(CAR, i, "{}".getBytes(StandardCharsets.UTF_8));
		}
		List<byte[]> expected = new ArrayList<>();
		for (BadStatus kind : BadStatus.values()) {
			expected.add(kind.record(CAR.carId()).value());
		}
		assertThat(this.sent).extracting(Sent::value).containsExactlyElementsOf(expected);
	}

	private TelemetryOutput output(String... options) {
		LocalStackProperties.Simulator settings = CommandLine.parse(options).properties().simulator();
		return new TelemetryOutput(settings, (topic, key, value) -> this.sent.add(new Sent(topic, key, value)),
				new SplittableRandom(1));
	}

	private record Sent(String topic, String key, byte[] value) {

		String text() {
			return new String(this.value, StandardCharsets.UTF_8);
		}

	}

}
