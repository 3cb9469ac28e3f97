package io.fleetstream.alert.evaluation;

import java.util.List;

import io.fleetstream.alert.rules.ShippedRules;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every shipped rule, exactly as application.yaml configures it, fires on a realistic
 * sequence once its {@code for} has elapsed and resolves when the condition clears; the
 * other rules stay quiet on the same sequence.
 */
class ShippedRulesTests {

	private final CarTimeline car = new CarTimeline("car-00042", ShippedRules.rules().all());

	private CarTimeline parkedHealthyCar() {
		return this.car.at(0, "engine.on", true, "body.lights.headlights", "ON", "body.doors.frontLeft", "CLOSED",
				"body.doors.frontRight", "CLOSED", "battery.voltage", 12.6, "battery.socPct", 80.0,
				"engine.coolantTempC", 88.5, "tires.pressureKpa.frontLeft", 230, "tires.pressureKpa.frontRight", 228,
				"tires.pressureKpa.rearLeft", 225, "tires.pressureKpa.rearRight", 226, "speedKmh", 0.0,
				"safety.crashDetected", false, "safety.airbagDeployed", false);
	}

	@Test
	void headlightsLeftOnAfterTheDriverWalksAway() {
		parkedHealthyCar().at(10, "engine.on", false)
			.at(15, "body.doors.frontLeft", "OPEN")
			.at(20, "body.doors.frontLeft", "CLOSED")
			.at(80)
			.at(139)
			.at(140)
			.at(200, "body.lights.headlights", "OFF");
		assertThat(this.car.log()).containsExactly("headlights-left-on FIRING @140",
				"headlights-left-on RESOLVED @200");
	}

	@Test
	void headlightsWithAnOpenDoorOrRunningEngineNeverFire() {
		parkedHealthyCar().at(300).at(400, "engine.on", false, "body.doors.rearLeft", "OPEN").at(700);
		assertThat(this.car.log()).isEmpty();
	}

	@Test
	void lowBatteryVoltageAfterTenMinutes() {
		parkedHealthyCar().at(10, "battery.voltage", 11.7)
			.at(300, "battery.voltage", 11.6)
			.at(609)
			.at(610)
			.at(900, "battery.voltage", 12.4);
		assertThat(this.car.log()).containsExactly("low-battery-voltage FIRING @610",
				"low-battery-voltage RESOLVED @900");
	}

	@Test
	void lowStateOfChargeImmediately() {
		parkedHealthyCar().at(10, "battery.socPct", 15.0).at(20, "battery.socPct", 14.5).at(30, "battery.socPct", 40.0);
		assertThat(this.car.log()).containsExactly("low-battery-charge FIRING @20", "low-battery-charge RESOLVED @30");
	}

	@Test
	void crashOrAirbagImmediately() {
		parkedHealthyCar().at(10, "safety.airbagDeployed", true)
			.at(20, "safety.airbagDeployed", false)
			.at(30, "safety.crashDetected", true)
			.at(40, "safety.crashDetected", false);
		assertThat(this.car.log()).containsExactly("crash-detected FIRING @10", "crash-detected RESOLVED @20",
				"crash-detected FIRING @30", "crash-detected RESOLVED @40");
	}

	@Test
	void engineOverheatingForAMinute() {
		parkedHealthyCar().at(10, "engine.coolantTempC", 110.0)
			.at(20, "engine.coolantTempC", 111.5)
			.at(79, "engine.coolantTempC", 114.0)
			.at(80, "engine.coolantTempC", 115.0)
			.at(120, "engine.coolantTempC", 95.0);
		assertThat(this.car.log()).containsExactly("engine-overheating FIRING @80", "engine-overheating RESOLVED @120");
	}

	@Test
	void oneLowTyreForFiveMinutes() {
		parkedHealthyCar().at(10, "tires.pressureKpa.rearLeft", 175)
			.at(309, "tires.pressureKpa.rearLeft", 172)
			.at(310)
			.at(400, "tires.pressureKpa.rearLeft", 230);
		assertThat(this.car.log()).containsExactly("low-tyre-pressure FIRING @310", "low-tyre-pressure RESOLVED @400");
	}

	@Test
	void overspeedForThirtySecondsFromTheStatusOrTheGpsSpeed() {
		parkedHealthyCar().at(10, "speedKmh", 131.0)
			.at(40, "speedKmh", 135.0)
			.at(50, "speedKmh", 120.0)
			.at(600, "gps.speedKmh", 140.0)
			.at(631)
			.at(640, "gps.speedKmh", 100.0);
		assertThat(this.car.log()).containsExactly("overspeed FIRING @40", "overspeed RESOLVED @50",
				"overspeed FIRING @631", "overspeed RESOLVED @640");
	}

	@Test
	void vehicleSilentFiresOnTheTickWithNoInputAndResolvesOnTheNextRecord() {
		parkedHealthyCar().tick(60).tick(899).tick(900).tick(960);
		assertThat(this.car.log()).containsExactly("vehicle-silent FIRING @900");
		this.car.at(1000);
		assertThat(this.car.log()).containsExactly("vehicle-silent FIRING @900", "vehicle-silent RESOLVED @1000");
		assertThat(this.car.transitions.get(0).episodeId()).isEqualTo("car-00042~vehicle-silent~" + CarTimeline.T0);
	}

	@Test
	void aHealthyDrivingCarRaisesNothing() {
		parkedHealthyCar();
		for (int second = 10; second < 3600; second += 10) {
			this.car.at(second, "speedKmh", 60.0 + second % 50, "engine.coolantTempC", 90.0);
		}
		assertThat(this.car.log()).isEmpty();
		assertThat(this.car.failures).isEmpty();
		assertThat(List.copyOf(this.car.state.rules().keySet())).isEmpty();
	}

}
