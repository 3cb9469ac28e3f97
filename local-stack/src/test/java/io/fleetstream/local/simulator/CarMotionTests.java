package io.fleetstream.local.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CarMotionTests {

	private static final SimulationArea AREA = SimulationArea.SEOUL;

	private static final long ONE_SECOND = 1000;

	private final CarMotion motion = new CarMotion(AREA);

	private final SplittableRandom random = new SplittableRandom(42);

	@Test
	void carsStayWithinTheAreaForAnHour() {
		for (List<CarState> track : drive(300, 3600)) {
			for (CarState car : track) {
				assertThat(haversineM(AREA.centreLat(), AREA.centreLng(), car.lat(), car.lng()))
					.isLessThanOrEqualTo(AREA.radiusM() + 1);
			}
		}
	}

	@Test
	void aCarDrivingOutOfTheAreaTurnsBackInsteadOfPilingUpAtTheEdge() {
		CarState car = new CarState("car-00001", AREA.centreLat() + 0.134, AREA.centreLng(), 0, 80, 0, 80, 0, false);
		assertThat(AREA.distanceFromCentreM(car.lat(), car.lng())).isGreaterThan(14_800);
		for (int second = 0; second < 120; second++) {
			car = this.motion.next(car, ONE_SECOND, this.random);
		}
		assertThat(AREA.distanceFromCentreM(car.lat(), car.lng())).isLessThan(14_000);
	}

	@Test
	void fewCarsAreAtTheEdgeAfterAnHour() {
		List<List<CarState>> tracks = drive(500, 3600);
		long atTheEdge = tracks.stream()
			.map((track) -> track.get(track.size() - 1))
			.filter((car) -> AREA.distanceFromCentreM(car.lat(), car.lng()) > 0.98 * AREA.radiusM())
			.count();
		assertThat(atTheEdge).isLessThan(25);
	}

	@Test
	void speedsStayBetweenZeroAndEightyAndChangeAtCarLikeRates() {
		for (List<CarState> track : drive(200, 1800)) {
			for (int i = 1; i < track.size(); i++) {
				double speed = track.get(i).speedKmh();
				assertThat(speed).isBetween(0.0, 80.0);
				assertThat(speed - track.get(i - 1).speedKmh()).isBetween(-10.0 - 1e-9, 6.0 + 1e-9);
			}
		}
	}

	@Test
	void theFleetDrivesAtCitySpeedsOnAverage() {
		double averageKmh = drive(200, 1800).stream()
			.flatMap(List::stream)
			.mapToDouble(CarState::speedKmh)
			.average()
			.orElseThrow();
		assertThat(averageKmh).isBetween(20.0, 60.0);
	}

	@Test
	void headingsChangeContinuouslyAtMostThirtyDegreesPerSecond() {
		for (List<CarState> track : drive(200, 1800)) {
			for (int i = 1; i < track.size(); i++) {
				double turn = Headings.turn(track.get(i - 1).headingDeg(), track.get(i).headingDeg());
				assertThat(Math.abs(turn)).isLessThanOrEqualTo(CarMotion.MAX_TURN_DEG_PER_S + 1e-9);
				assertThat(track.get(i).headingDeg()).isGreaterThanOrEqualTo(0).isLessThan(360);
			}
		}
	}

	@Test
	void eachStepMovesAsFarAsTheSpeedAllowsAlongTheHeading() {
		for (List<CarState> track : drive(100, 600)) {
			for (int i = 1; i < track.size(); i++) {
				CarState before = track.get(i - 1);
				CarState after = track.get(i);
				double metres = haversineM(before.lat(), before.lng(), after.lat(), after.lng());
				double averageMps = (before.speedKmh() + after.speedKmh()) / 2 / 3.6;
				assertThat(metres).isLessThanOrEqualTo(averageMps + 0.05);
			}
		}
	}

	@Test
	void fixesAreExactlyOneSecondApart() {
		for (List<CarState> track : drive(50, 600)) {
			for (int i = 1; i < track.size(); i++) {
				assertThat(track.get(i).ts() - track.get(i - 1).ts()).isEqualTo(ONE_SECOND);
			}
		}
	}

	@Test
	void parkedCarsStayWhereTheyAre() {
		CarState car = this.motion.place("car-00002", 0, true, this.random);
		CarState later = car;
		for (int second = 0; second < 600; second++) {
			later = this.motion.next(later, ONE_SECOND, this.random);
		}
		assertThat(later.lat()).isEqualTo(car.lat());
		assertThat(later.lng()).isEqualTo(car.lng());
		assertThat(later.speedKmh()).isZero();
		assertThat(later.ts()).isEqualTo(600 * ONE_SECOND);
	}

	@Test
	void placedCarsAreSpreadOverTheWholeArea() {
		List<CarState> cars = new ArrayList<>();
		for (int i = 0; i < 2000; i++) {
			cars.add(this.motion.place("car", 0, false, this.random));
		}
		double meanLat = cars.stream().mapToDouble(CarState::lat).average().orElseThrow();
		double meanLng = cars.stream().mapToDouble(CarState::lng).average().orElseThrow();
		assertThat(meanLat).isCloseTo(AREA.centreLat(), within(0.01));
		assertThat(meanLng).isCloseTo(AREA.centreLng(), within(0.01));
		long innerHalf = cars.stream()
			.filter((car) -> AREA.distanceFromCentreM(car.lat(), car.lng()) < AREA.radiusM() / Math.sqrt(2))
			.count();
		assertThat(innerHalf).isBetween(900L, 1100L);
	}

	private List<List<CarState>> drive(int cars, int seconds) {
		List<List<CarState>> tracks = new ArrayList<>();
		for (int i = 0; i < cars; i++) {
			List<CarState> track = new ArrayList<>(seconds + 1);
			CarState car = this.motion.place("car-" + i, 0, false, this.random);
			track.add(car);
			for (int second = 0; second < seconds; second++) {
				car = this.motion.next(car, ONE_SECOND, this.random);
				track.add(car);
			}
			tracks.add(track);
		}
		return tracks;
	}

	private static double haversineM(double lat1, double lng1, double lat2, double lng2) {
		double dLat = Math.toRadians(lat2 - lat1);
		double dLng = Math.toRadians(lng2 - lng1);
		double a = Math.pow(Math.sin(dLat / 2), 2)
				+ Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLng / 2), 2);
		return 2 * SimulationArea.EARTH_RADIUS_M * Math.asin(Math.sqrt(a));
	}

}
