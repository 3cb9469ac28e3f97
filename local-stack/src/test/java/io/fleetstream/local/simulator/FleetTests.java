package io.fleetstream.local.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FleetTests {

	private static final long START = 1_763_800_000_000L;

	private final Fleet fleet = Fleet.create(1000, 0.05, START, 1000, new CarMotion(SimulationArea.SEOUL),
			new SplittableRandom(7));

	@Test
	void fixesAreSpreadEvenlyOverTheSecondInsteadOfInOneBurst() {
		for (int window = 0; window < 50; window++) {
			long windowEnd = START + (window + 1) * 100L - 1;
			assertThat(this.fleet.due(windowEnd)).hasSize(100);
		}
	}

	@Test
	void everyCarReportsOncePerSecondInTimeOrder() {
		List<CarState> fixes = this.fleet.due(START + 10_000 - 1);
		assertThat(fixes).hasSize(10 * 1000);
		Map<String, List<Long>> timesByCar = new HashMap<>();
		for (int i = 0; i < fixes.size(); i++) {
			if (i > 0) {
				assertThat(fixes.get(i).ts()).isGreaterThanOrEqualTo(fixes.get(i - 1).ts());
			}
			timesByCar.computeIfAbsent(fixes.get(i).carId(), (car) -> new ArrayList<>()).add(fixes.get(i).ts());
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
		assertThat(this.fleet.due(START - 1)).isEmpty();
	}

	@Test
	void afterAStallTheFleetSkipsAheadInsteadOfSendingABacklog() {
		this.fleet.due(START + 999);
		long afterAMinuteAsleep = START + 61_000;
		long skipped = this.fleet.skipMissedIntervals(afterAMinuteAsleep, 5000);
		assertThat(skipped).isEqualTo(60_000);
		assertThat(this.fleet.due(afterAMinuteAsleep)).hasSizeLessThanOrEqualTo(1000);
		assertThat(this.fleet.skipMissedIntervals(afterAMinuteAsleep, 5000)).isZero();
	}

	@Test
	void aSmallLagIsCaughtUpNotSkipped() {
		assertThat(this.fleet.skipMissedIntervals(START + 3000, 5000)).isZero();
	}

	@Test
	void carsAreNamedWithFiveDigits() {
		assertThat(Fleet.carId(1)).isEqualTo("car-00001");
		assertThat(Fleet.carId(20_000)).isEqualTo("car-20000");
	}

}
