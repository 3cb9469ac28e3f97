package io.fleetstream.local.simulator.car;

import java.util.SplittableRandom;
import java.util.function.Predicate;

import io.fleetstream.local.simulator.SimulationArea;
import io.fleetstream.local.simulator.streets.StreetNetwork;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each scripted incident makes the condition of the alert rule it is meant to show hold,
 * in what the car reports, for longer than the shipped rule's {@code for}, and clears
 * afterwards so the alert resolves. The conditions here are those of the shipped rules
 * (alert-service's README), written over the reported state.
 */
class IncidentTests {

	private static final StreetNetwork STREETS = StreetNetwork.build(SimulationArea.SEOUL, 500);

	private static final long START = 1_763_800_000_000L;

	private static final long MINUTE = 60_000;

	private final SplittableRandom random = new SplittableRandom(21);

	@Test
	void headlightsLeftOnHoldWithTheEngineOffAndDoorsClosedForMoreThanTwoMinutes() {
		assertIncidentShowsRule(Incident.HEADLIGHTS_LEFT_ON, false,
				(s) -> Boolean.FALSE.equals(s.get("engine.on")) && "ON".equals(s.get("body.lights.headlights"))
						&& Signal.DOORS.stream().allMatch((door) -> "CLOSED".equals(s.get(door.path()))),
				2 * MINUTE);
	}

	@Test
	void aDrainingBatteryFallsUnderFifteenPercent() {
		assertIncidentShowsRule(Incident.DRAINING_BATTERY, true, (s) -> s.number("battery.socPct") < 15, 0);
	}

	@Test
	void aDrainingBatteryAlsoStaysUnderElevenPointEightVoltsForTenMinutes() {
		assertIncidentShowsRule(Incident.DRAINING_BATTERY, true, (s) -> s.number("battery.voltage") < 11.8,
				10 * MINUTE);
	}

	@Test
	void aCrashRaisesTheCrashAndAirbagFlags() {
		assertIncidentShowsRule(Incident.CRASH, false, (s) -> Boolean.TRUE.equals(s.get("safety.crashDetected"))
				&& Boolean.TRUE.equals(s.get("safety.airbagDeployed")), 0);
	}

	@Test
	void overheatingKeepsTheCoolantAbove110ForMoreThanAMinute() {
		assertIncidentShowsRule(Incident.OVERHEATING, false, (s) -> s.number("engine.coolantTempC") > 110, MINUTE);
	}

	@Test
	void aSlowPunctureKeepsATyreUnder180KpaForMoreThanFiveMinutes() {
		assertIncidentShowsRule(Incident.SLOW_PUNCTURE, true,
				(s) -> Signal.TIRES.stream().anyMatch((tire) -> s.number(tire.path()) < 180), 5 * MINUTE);
	}

	@Test
	void speedingStaysAbove130ForMoreThanThirtySeconds() {
		assertIncidentShowsRule(Incident.SPEEDING, false, (s) -> s.number("gps.speedKmh") > 130, MINUTE / 2);
	}

	@Test
	void aSilentDeviceSendsNothingForMoreThanFifteenMinutesThenReportsAgain() {
		ReportedState reported = new ReportedState();
		SimulatedCar car = car(true, reported);
		long now = START + 10_000;
		car.begin(Incident.SILENT_DEVICE, now);
		long lastBefore = reported.lastReportMs();
		for (; now < START + Incident.SILENT_DEVICE.durationMs(); now += 1000) {
			car.step(now, 1000, this.random, reported);
		}
		assertThat(reported.lastReportMs()).isEqualTo(lastBefore);
		for (long end = now + 2 * MINUTE; now < end; now += 1000) {
			car.step(now, 1000, this.random, reported);
		}
		assertThat(reported.lastReportMs() - lastBefore).isGreaterThan(15 * MINUTE);
	}

	private void assertIncidentShowsRule(Incident incident, boolean parked, Predicate<ReportedState> condition,
			long forMs) {
		ReportedState reported = new ReportedState();
		SimulatedCar car = car(parked, reported);
		for (int attempt = 0; attempt < 50 && !incident.eligible(car); attempt++) {
			reported = new ReportedState();
			car = car(parked, reported);
		}
		long now = START + 10_000;
		assertThat(incident.eligible(car)).isTrue();
		car.begin(incident, now);
		long end = now + incident.durationMs() + 10 * MINUTE;
		boolean holdsAtEnd = false;
		for (; now < end; now += 1000) {
			car.step(now, 1000, this.random, reported);
			holdsAtEnd = reported.track(now, condition);
		}
		assertThat(reported.longestHoldMs()).as("how long the condition held").isGreaterThan(forMs);
		assertThat(holdsAtEnd).as("the condition cleared after the incident").isFalse();
		assertThat(car.inIncident()).isFalse();
	}

	/** A car that has settled into driving or parking for ten seconds. */
	private SimulatedCar car(boolean parked, ReportedState reported) {
		CarProfile profile = new CarProfile("car-00001", "dev-00001", false, false, 1.0, 230);
		SimulatedCar car = new SimulatedCar(profile, STREETS, MINUTE, parked, START - 30 * MINUTE, this.random);
		if (parked) {
			car.staysParkedUntil(START + 2 * 3_600_000);
		}
		for (long now = START; now < START + 10_000; now += 1000) {
			car.step(now, 1000, this.random, reported);
		}
		assertThat(car.driving()).isEqualTo(!parked);
		return car;
	}

}
