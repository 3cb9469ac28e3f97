package io.fleetstream.local.simulator.car;

import java.util.random.RandomGenerator;

import io.fleetstream.local.simulator.SimulationArea;
import io.fleetstream.local.simulator.streets.StreetNetwork;

/**
 * One simulated car and its device: trips between random places of the street network
 * with a parked spell between them, the signals a car's sensors produce meanwhile
 * (engine, doors and locks as the driver gets in and out, lights, battery, fuel, tyres,
 * odometer), and its device's reports: a GPS fix every step while driving and every
 * {@code parkedGpsIntervalMs} while parked, a status message when signals changed. An
 * {@link Incident} may take over part of its behaviour for a while. Not thread-safe: one
 * simulator thread owns it.
 */
public final class SimulatedCar {

	static final long MIN_PARKED_MS = 120_000;

	static final long MAX_PARKED_MS = 1_200_000;

	static final double MIN_TRIP_M = 1_000;

	static final double MAX_TRIP_M = 8_000;

	private final CarProfile profile;

	private final StreetNetwork streets;

	private final Driving driving;

	private final Signals signals = new Signals();

	private final long parkedGpsIntervalMs;

	private long parkedUntilMs;

	private long departAtMs;

	private long doorsCloseAtMs;

	private long lockAtMs;

	private long nextParkedGpsMs;

	private long silentUntilMs;

	private double speedOverrideKmh;

	private boolean lightsStayOnWhenParked;

	private Incident.Active incident;

	public SimulatedCar(CarProfile profile, StreetNetwork streets, long parkedGpsIntervalMs, boolean parked, long nowMs,
			RandomGenerator random) {
		this.profile = profile;
		this.streets = streets;
		this.parkedGpsIntervalMs = parkedGpsIntervalMs;
		this.driving = new Driving(streets, streets.randomNode(random), profile.habit());
		initialSignals(random);
		if (parked) {
			this.parkedUntilMs = nowMs + random.nextLong(0, MAX_PARKED_MS);
		}
		else {
			depart(nowMs, random);
		}
	}

	private void initialSignals(RandomGenerator random) {
		this.signals.set(Signal.ENGINE_ON, false);
		this.signals.set(Signal.ENGINE_RPM, 0);
		this.signals.set(Signal.COOLANT_TEMP_C, 20);
		this.signals.set(Signal.OIL_LEVEL, Signal.OilLevels.NORMAL);
		this.signals.set(Signal.OIL_TEMP_C, 20);
		for (Signal door : Signal.DOORS) {
			this.signals.set(door, Signal.Doors.CLOSED);
		}
		this.signals.set(Signal.LOCKED, true);
		this.signals.set(Signal.HEADLIGHTS, Signal.Lights.OFF);
		this.signals.set(Signal.HIGH_BEAM, Signal.Lights.OFF);
		this.signals.set(Signal.PARKING_LIGHTS, Signal.Lights.OFF);
		this.signals.set(Signal.BATTERY_VOLTAGE, 12.6);
		this.signals.set(Signal.BATTERY_SOC_PCT, this.profile.electric() ? random.nextDouble(40, 95) : 85);
		if (!this.profile.electric()) {
			this.signals.set(Signal.FUEL_LEVEL_PCT, random.nextDouble(20, 95));
		}
		for (Signal tire : Signal.TIRES) {
			this.signals.set(tire, this.profile.tirePressureKpa());
		}
		this.signals.set(Signal.CRASH_DETECTED, false);
		this.signals.set(Signal.AIRBAG_DEPLOYED, false);
		this.signals.set(Signal.SPEED_KMH, 0);
		this.signals.set(Signal.ODOMETER_KM, random.nextDouble(1_000, 120_000));
	}

	/** Advances the car by {@code dtMs} to {@code nowMs} and reports what is due. */
	public void step(long nowMs, long dtMs, RandomGenerator random, CarOutput output) {
		if (this.driving.driving()) {
			if (this.driving.step(nowMs, dtMs, this.speedOverrideKmh, random)) {
				park(nowMs, random);
			}
		}
		else if (this.departAtMs != 0 && nowMs >= this.departAtMs) {
			this.departAtMs = 0;
			this.signals.set(Signal.ENGINE_ON, true);
			this.driving.startTrip(this.streets.destinationFrom(this.driving.node(), MIN_TRIP_M, MAX_TRIP_M, random),
					random);
		}
		else if (this.departAtMs == 0 && nowMs >= this.parkedUntilMs) {
			depart(nowMs, random);
		}
		doors(nowMs);
		Physics.apply(this.signals, this.profile, this.driving.speedKmh(), dtMs);
		if (this.incident != null && !this.incident.apply(this, nowMs, dtMs)) {
			this.incident = null;
		}
		if (nowMs < this.silentUntilMs) {
			return;
		}
		report(nowMs, output);
	}

	private void report(long nowMs, CarOutput output) {
		if (this.driving.driving() || this.departAtMs != 0 || nowMs >= this.nextParkedGpsMs) {
			SimulationArea.Point point = this.streets.area().fromPlane(this.driving.northM(), this.driving.eastM());
			output.gps(this.profile, point.lat(), point.lng(), nowMs, this.driving.speedKmh(),
					this.driving.headingDeg());
			this.nextParkedGpsMs = nowMs + this.parkedGpsIntervalMs;
		}
		var due = this.signals.due(nowMs);
		if (!due.isEmpty()) {
			output.status(this.profile, nowMs, StatusJson.encode(nowMs, this.signals, due));
		}
	}

	private void depart(long nowMs, RandomGenerator random) {
		this.signals.set(Signal.LOCKED, false);
		this.signals.set(Signal.DOOR_FRONT_LEFT, Signal.Doors.OPEN);
		this.doorsCloseAtMs = nowMs + 3_000;
		this.departAtMs = nowMs + 5_000;
		boolean night = seoulHour(nowMs) >= 18 || seoulHour(nowMs) < 7;
		this.signals.set(Signal.HEADLIGHTS,
				(night || this.profile.lightsOnByDay()) ? Signal.Lights.ON : Signal.Lights.OFF);
	}

	private void park(long nowMs, RandomGenerator random) {
		this.signals.set(Signal.ENGINE_ON, false);
		this.signals.set(Signal.DOOR_FRONT_LEFT, Signal.Doors.OPEN);
		if (!this.lightsStayOnWhenParked) {
			this.signals.set(Signal.HEADLIGHTS, Signal.Lights.OFF);
		}
		this.doorsCloseAtMs = nowMs + 4_000;
		this.lockAtMs = nowMs + 7_000;
		this.parkedUntilMs = nowMs + random.nextLong(MIN_PARKED_MS, MAX_PARKED_MS);
		this.nextParkedGpsMs = nowMs;
	}

	private void doors(long nowMs) {
		if (this.doorsCloseAtMs != 0 && nowMs >= this.doorsCloseAtMs) {
			this.doorsCloseAtMs = 0;
			this.signals.set(Signal.DOOR_FRONT_LEFT, Signal.Doors.CLOSED);
		}
		if (this.lockAtMs != 0 && nowMs >= this.lockAtMs) {
			this.lockAtMs = 0;
			this.signals.set(Signal.LOCKED, true);
		}
	}

	static int seoulHour(long epochMs) {
		return (int) ((epochMs / 3_600_000 + 9) % 24);
	}

	public CarProfile profile() {
		return this.profile;
	}

	public Signals signals() {
		return this.signals;
	}

	/** How the car moves. */
	public Driving motion() {
		return this.driving;
	}

	/** Whether the car is on a trip. */
	public boolean driving() {
		return this.driving.driving();
	}

	/** Whether an incident is playing out on this car. */
	public boolean inIncident() {
		return this.incident != null;
	}

	/** Starts {@code kind} on this car now. */
	public void begin(Incident kind, long nowMs) {
		this.incident = kind.begin(this, nowMs);
	}

	void speedOverrideKmh(double speedKmh) {
		this.speedOverrideKmh = speedKmh;
	}

	void lightsStayOnWhenParked(boolean stayOn) {
		this.lightsStayOnWhenParked = stayOn;
	}

	void staysParkedUntil(long untilMs) {
		this.parkedUntilMs = Math.max(this.parkedUntilMs, untilMs);
	}

	void silentUntil(long untilMs) {
		this.silentUntilMs = untilMs;
	}

	/** The parked spell ends at {@code untilMs} at the latest. */
	void leavesBy(long untilMs) {
		this.parkedUntilMs = Math.min(this.parkedUntilMs, untilMs);
	}

}
