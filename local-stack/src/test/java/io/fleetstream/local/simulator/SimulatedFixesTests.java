package io.fleetstream.local.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

import io.fleetstream.common.gps.GpsFix;
import io.fleetstream.common.gps.GpsFixParser;
import io.fleetstream.common.pipeline.Handled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator speaks the {@code cars.gps.json} contract as ingest-service reads it: its
 * fixes are accepted as sent, and each kind of bad fix is rejected for the reason it is
 * meant to show.
 */
class SimulatedFixesTests {

	private static final long NOW = 1_763_800_000_000L;

	private final GpsFixParser parser = new GpsFixParser(new ObjectMapper(),
			Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC), Duration.ofMinutes(5));

	private final CarMotion motion = new CarMotion(SimulationArea.SEOUL);

	private final SplittableRandom random = new SplittableRandom(3);

	@Test
	void simulatedFixesAreAcceptedWithEveryFieldAsSent() {
		CarState car = this.motion.place("car-00042", NOW, false, this.random);
		for (int second = 0; second < 300; second++) {
			car = this.motion.next(car, 1000, this.random);
			Handled<GpsFix> handled = parse(car.carId(), GpsFixJson.of(car));
			assertThat(handled).isInstanceOf(Handled.Accepted.class);
			GpsFix fix = ((Handled.Accepted<GpsFix>) handled).value();
			assertThat(fix.lat()).isEqualTo(Math.round(car.lat() * 1e6) / 1e6);
			assertThat(fix.lng()).isEqualTo(Math.round(car.lng() * 1e6) / 1e6);
			assertThat(fix.ts()).isEqualTo(car.ts());
			assertThat(fix.speedKmh()).isEqualTo(Math.round(car.speedKmh() * 10) / 10.0);
			assertThat(fix.heading()).isBetween(0.0, 359.0);
		}
	}

	@ParameterizedTest
	@EnumSource(BadFix.class)
	void eachBadFixIsRejectedForTheReasonItShows(BadFix kind) {
		CarState car = this.motion.place("car-00007", NOW, false, this.random);
		Handled<GpsFix> handled = parse(car.carId(), kind.json(car, NOW));
		assertThat(handled).isInstanceOf(Handled.Rejected.class);
		assertThat(((Handled.Rejected<GpsFix>) handled).reason()).isEqualTo(kind.rejection().code());
	}

	private Handled<GpsFix> parse(String carId, String json) {
		return this.parser.parse(carId, json.getBytes(StandardCharsets.UTF_8), NOW);
	}

}
