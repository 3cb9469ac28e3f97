package io.fleetstream.local.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import io.fleetstream.common.gps.GpsFix;
import io.fleetstream.common.gps.GpsFixParser;
import io.fleetstream.common.gps.GpsRejection;
import io.fleetstream.common.pipeline.Handled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator speaks the {@code cars.gps.json} contract as ingest-service reads it: its
 * fixes are accepted as sent, each kind of bad record is rejected for the reason it is
 * meant to show, and one cycle of bad records shows every reason there is.
 */
class SimulatedFixesTests {

	private static final long NOW = 1_763_800_000_000L;

	private final GpsFixParser parser = new GpsFixParser(new ObjectMapper(),
			Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC), Duration.ofMinutes(5));

	private final SplittableRandom random = new SplittableRandom(3);

	@Test
	void simulatedFixesAreAcceptedWithEveryFieldAsSent() {
		SimulatedRecords records = new SimulatedRecords(0, this.random);
		for (int second = 0; second < 300; second++) {
			GpsSample car = new GpsSample("car-00042", this.random.nextDouble(37.4, 37.7),
					this.random.nextDouble(126.8, 127.2), NOW - 1000 * second, this.random.nextDouble(0, 140),
					this.random.nextDouble(0, 360));
			Handled<GpsFix> handled = parse(records.next(car, NOW));
			assertThat(handled).isInstanceOf(Handled.Accepted.class);
			GpsFix fix = ((Handled.Accepted<GpsFix>) handled).value();
			assertThat(fix.carId()).isEqualTo("car-00042");
			assertThat(fix.lat()).isEqualTo(Math.round(car.lat() * 1e6) / 1e6);
			assertThat(fix.lng()).isEqualTo(Math.round(car.lng() * 1e6) / 1e6);
			assertThat(fix.ts()).isEqualTo(car.ts());
			assertThat(fix.speedKmh()).isEqualTo(Math.round(car.speedKmh() * 10) / 10.0);
			assertThat(fix.heading()).isEqualTo(Math.round(car.headingDeg()) % 360);
		}
	}

	@ParameterizedTest
	@EnumSource(BadFix.class)
	void eachBadFixIsRejectedForTheReasonItShows(BadFix kind) {
		GpsSample car = new GpsSample("car-00007", 37.5665, 126.978, NOW, 31.5, 90);
		assertThat(rejection(parse(kind.record(car, NOW)))).isEqualTo(kind.rejection().code());
	}

	@Test
	void oneCycleOfBadRecordsShowsEveryRejectionReason() {
		SimulatedRecords records = new SimulatedRecords(1, this.random);
		GpsSample car = new GpsSample("car-00007", 37.5665, 126.978, NOW, 31.5, 90);
		Set<String> reasons = new HashSet<>();
		for (int i = 0; i < BadFix.values().length; i++) {
			reasons.add(rejection(parse(records.next(car, NOW))));
		}
		assertThat(reasons)
			.isEqualTo(Arrays.stream(GpsRejection.values()).map(GpsRejection::code).collect(Collectors.toSet()));
	}

	private Handled<GpsFix> parse(SimulatedRecord record) {
		return this.parser.parse(record.key(), record.value(), NOW);
	}

	private static String rejection(Handled<GpsFix> handled) {
		assertThat(handled).isInstanceOf(Handled.Rejected.class);
		return ((Handled.Rejected<GpsFix>) handled).reason();
	}

}
