package io.fleetstream.local.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.fleetstream.local.simulator.car.CarProfile;
import io.fleetstream.local.simulator.car.SimulatedCar;
import io.fleetstream.local.simulator.streets.StreetNetwork;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FleetTests {

	private static final long START = 1_763_800_000_000L;

	private static final StreetNetwork STREETS = StreetNetwork.build(SimulationArea.SEOUL, 500);

	private final SplittableRandom random = new SplittableRandom(7);

	private final Fleet fleet = Fleet.create(1000,
			(i) -> new SimulatedCar(CarProfile.random(i + 1, this.random), STREETS, 60_000, false, START, this.random),
			START, 1000);

	@Test
	void stepsAreSpreadEvenlyOverTheSecondInsteadOfInOneBurst() {
		for (int window = 0; window < 50; window++) {
			long windowEnd = START + (window + 1) * 100L - 1;
			assertThat(steps(windowEnd)).hasSize(100);
		}
	}

	@Test
	void everyCarStepsOncePerSecondInTimeOrder() {
		List<Step> steps = steps(START + 10_000 - 1);
		assertThat(steps).hasSize(10 * 1000);
		Map<String, List<Long>> timesByCar = new HashMap<>();
		for (int i = 0; i < steps.size(); i++) {
			if (i > 0) {
				assertThat(steps.get(i).time()).isGreaterThanOrEqualTo(steps.get(i - 1).time());
			}
			timesByCar.computeIfAbsent(steps.get(i).carId(), (car) -> new ArrayList<>()).add(steps.get(i).time());
			assertThat(steps.get(i).dt()).isEqualTo(1000);
		}
		assertThat(timesByCar).hasSize(1000).containsKeys("car-00001", "car-01000");
		timesByCar.values().forEach((times) -> {
			assertThat(times).hasSize(10);
			for (int i = 1; i < times.size(); i++) {
				assertThat(times.get(i) - times.get(i - 1)).isEqualTo(1000);
			}
		});
	}

	@Test
	void nothingIsDueBeforeTheFirstCarsTime() {
		assertThat(steps(START - 1)).isEmpty();
	}

	@Test
	void afterAStallTheFleetSkipsAheadInsteadOfSendingABacklog() {
		steps(START + 999);
		long afterAMinuteAsleep = START + 61_000;
		long skipped = this.fleet.skipMissedIntervals(afterAMinuteAsleep, 5000);
		assertThat(skipped).isEqualTo(60_000);
		List<Step> steps = steps(afterAMinuteAsleep);
		assertThat(steps).hasSizeLessThanOrEqualTo(1000);
		// the first step after the stall covers the time skipped
		assertThat(steps.get(0).dt()).isEqualTo(61_000);
		assertThat(this.fleet.skipMissedIntervals(afterAMinuteAsleep, 5000)).isZero();
	}

	private List<Step> steps(long until) {
		List<Step> steps = new ArrayList<>();
		this.fleet.stepDue(until, (car, time, dt) -> steps.add(new Step(car.profile().carId(), time, dt)));
		return steps;
	}

	private record Step(String carId, long time, long dt) {
	}

}
