package io.fleetstream.local.simulator.car;

import java.util.SplittableRandom;

import io.fleetstream.local.simulator.SimulationArea;
import io.fleetstream.local.simulator.streets.StreetNetwork;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DrivingTests {

	private static final StreetNetwork STREETS = StreetNetwork.build(SimulationArea.SEOUL, 500);

	private final SplittableRandom random = new SplittableRandom(5);

	@Test
	void aTripEndsStoppedAtItsDestinationHavingDrivenAlongTheStreets() {
		for (int trip = 0; trip < 50; trip++) {
			Driving driving = new Driving(STREETS, STREETS.randomNode(this.random), 1.0);
			int destination = STREETS.destinationFrom(driving.node(), 1_000, 8_000, this.random);
			driving.startTrip(destination, this.random);
			long now = 0;
			boolean arrived = false;
			while (!arrived && now < 3_600_000) {
				now += 1000;
				arrived = driving.step(now, 1000, 0, this.random);
				// on a lattice every street runs north-south or east-west
				assertThat(driving.headingDeg() % 90).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-6));
			}
			assertThat(arrived).as("trip %d arrived within an hour", trip).isTrue();
			assertThat(driving.node()).isEqualTo(destination);
			assertThat(driving.speedKmh()).isZero();
			assertThat(driving.driving()).isFalse();
		}
	}

	@Test
	void speedStaysWithinTheLimitTimesTheDriversHabitAndChangesAtCarLikeRates() {
		Driving driving = new Driving(STREETS, STREETS.randomNode(this.random), 1.1);
		double fastest = 0;
		for (int trip = 0; trip < 20; trip++) {
			driving.startTrip(STREETS.destinationFrom(driving.node(), 4_000, 8_000, this.random), this.random);
			double previous = 0;
			long now = 0;
			while (driving.driving()) {
				now += 1000;
				driving.step(now, 1000, 0, this.random);
				assertThat(driving.speedKmh()).isLessThanOrEqualTo(StreetNetwork.BRIDGE_SPEED_KMH * 1.1 + 1e-9);
				assertThat(driving.speedKmh() - previous).isLessThanOrEqualTo(Driving.ACCELERATION_MS2 * 3.6 + 1e-9);
				fastest = Math.max(fastest, driving.speedKmh());
				previous = driving.speedKmh();
			}
		}
		assertThat(fastest).isGreaterThan(StreetNetwork.LOCAL_SPEED_KMH);
	}

	@Test
	void aSpeedOverrideTakesTheCarBeyondTheLimit() {
		Driving driving = new Driving(STREETS, STREETS.randomNode(this.random), 1.0);
		driving.startTrip(STREETS.destinationFrom(driving.node(), 7_000, 8_000, this.random), this.random);
		double fastest = 0;
		for (long now = 1000; now <= 60_000 && driving.driving(); now += 1000) {
			driving.step(now, 1000, 140, this.random);
			fastest = Math.max(fastest, driving.speedKmh());
		}
		assertThat(fastest).isGreaterThan(130);
	}

	@Test
	void pullingOverEndsTheTripAtTheNextIntersection() {
		Driving driving = new Driving(STREETS, STREETS.randomNode(this.random), 1.0);
		driving.startTrip(STREETS.destinationFrom(driving.node(), 7_000, 8_000, this.random), this.random);
		driving.step(1000, 1000, 0, this.random);
		driving.endAtNextIntersection();
		long now = 1000;
		while (driving.driving()) {
			now += 1000;
			driving.step(now, 1000, 0, this.random);
		}
		// one block at most, stopping included
		assertThat(now).isLessThan(120_000);
	}

}
