package io.fleetstream.local.simulator.car;

import java.util.function.Predicate;

/**
 * The scripted incidents that make every shipped alert rule fire in a demo within
 * minutes, each played out on one car in the way it happens on the road, then cleared (so
 * the alert also resolves). Durations exceed the shipped rules' {@code for} with room to
 * spare.
 */
public enum Incident {

	/** The driver pulls over, parks, locks up and walks away with the headlights on. */
	HEADLIGHTS_LEFT_ON(SimulatedCar::driving, 8 * 60_000),

	/**
	 * A battery runs down while the car stands (charge under 15 %, voltage under 11.8 V).
	 */
	DRAINING_BATTERY((car) -> !car.driving(), 15 * 60_000),

	/** A crash: the car stops dead, crash sensor and airbag fire. */
	CRASH(SimulatedCar::driving, 6 * 60_000),

	/** The coolant climbs past 110 C while driving, until the driver stops. */
	OVERHEATING(SimulatedCar::driving, 4 * 60_000),

	/** One tyre loses 15 kPa a minute down to 160 kPa, until it is repaired. */
	SLOW_PUNCTURE((car) -> true, 12 * 60_000),

	/**
	 * The driver goes 140 km/h for a minute and a half, through red lights, on a trip
	 * long enough for it.
	 */
	SPEEDING((car) -> car.driving() && car.motion().remainingM() > 4_000, 90_000),

	/** The device stops sending anything for 20 minutes, then comes back. */
	SILENT_DEVICE((car) -> true, 20 * 60_000);

	private final Predicate<SimulatedCar> eligible;

	private final long durationMs;

	Incident(Predicate<SimulatedCar> eligible, long durationMs) {
		this.eligible = eligible;
		this.durationMs = durationMs;
	}

	/** Whether this incident can start on {@code car} now. */
	public boolean eligible(SimulatedCar car) {
		return !car.inIncident() && this.eligible.test(car);
	}

	public long durationMs() {
		return this.durationMs;
	}

	Active begin(SimulatedCar car, long nowMs) {
		Active active = new Active(this, nowMs, (int) (nowMs % Signal.TIRES.size()));
		switch (this) {
			case HEADLIGHTS_LEFT_ON -> {
				car.signals().set(Signal.HEADLIGHTS, Signal.Lights.ON);
				car.lightsStayOnWhenParked(true);
				car.motion().endAtNextIntersection();
			}
			case DRAINING_BATTERY -> car.staysParkedUntil(nowMs + this.durationMs);
			case CRASH -> {
				car.motion().stopDead();
				car.signals().set(Signal.CRASH_DETECTED, true);
				car.signals().set(Signal.AIRBAG_DEPLOYED, true);
				car.signals().set(Signal.ENGINE_ON, false);
				car.signals().set(Signal.PARKING_LIGHTS, Signal.Lights.ON);
				car.staysParkedUntil(nowMs + this.durationMs + 60_000);
			}
			case SPEEDING -> car.speedOverrideKmh(140);
			case SILENT_DEVICE -> car.silentUntil(nowMs + this.durationMs);
			default -> {
			}
		}
		return active;
	}

	/** One incident playing out on one car. */
	static final class Active {

		private final Incident kind;

		private final long startMs;

		private final Signal tire;

		private long parkedSinceMs;

		Active(Incident kind, long startMs, int tire) {
			this.kind = kind;
			this.startMs = startMs;
			this.tire = Signal.TIRES.get(tire);
		}

		/** Applies this step's effect; false once the incident is over (and cleared). */
		boolean apply(SimulatedCar car, long nowMs, long dtMs) {
			double seconds = dtMs / 1000.0;
			Signals signals = car.signals();
			boolean over = nowMs - this.startMs >= this.kind.durationMs;
			switch (this.kind) {
				case HEADLIGHTS_LEFT_ON -> {
					if (!car.driving() && this.parkedSinceMs == 0) {
						this.parkedSinceMs = nowMs;
						car.staysParkedUntil(nowMs + 6 * 60_000);
					}
					over = this.parkedSinceMs != 0 && nowMs - this.parkedSinceMs >= 5 * 60_000 || over;
					if (over) {
						signals.set(Signal.HEADLIGHTS, Signal.Lights.OFF);
						car.lightsStayOnWhenParked(false);
					}
				}
				case DRAINING_BATTERY -> {
					signals.approach(Signal.BATTERY_SOC_PCT, 12, 0.5 * seconds);
					signals.approach(Signal.BATTERY_VOLTAGE, 11.5, 0.02 * seconds);
					if (over) {
						signals.set(Signal.BATTERY_SOC_PCT, 80);
						signals.set(Signal.BATTERY_VOLTAGE, 12.6);
					}
				}
				case CRASH -> {
					if (over) {
						signals.set(Signal.CRASH_DETECTED, false);
						signals.set(Signal.AIRBAG_DEPLOYED, false);
						signals.set(Signal.PARKING_LIGHTS, Signal.Lights.OFF);
					}
				}
				case OVERHEATING -> {
					signals.set(Signal.COOLANT_TEMP_C, Math.min(118, signals.get(Signal.COOLANT_TEMP_C) + seconds));
					if (over) {
						car.motion().endAtNextIntersection();
					}
				}
				case SLOW_PUNCTURE -> {
					signals.approach(this.tire, 160, 0.25 * seconds);
					if (over) {
						signals.set(this.tire, car.profile().tirePressureKpa());
					}
				}
				case SPEEDING -> {
					if (over) {
						car.speedOverrideKmh(0);
					}
				}
				case SILENT_DEVICE -> {
				}
			}
			return !over;
		}

	}

}
