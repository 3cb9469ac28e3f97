package io.fleetstream.local.simulator.car;

/**
 * How a car's sensor values drift with what it does, one step at a time: the engine warms
 * up while running and cools when off, the alternator charges the battery while the
 * engine runs and the headlights drain it when it does not, an EV's charge and a
 * combustion car's fuel fall with the distance driven (and are topped up while parked
 * when low), the odometer counts. Rough figures, chosen so that values stay in their real
 * ranges.
 */
final class Physics {

	static final double WARM_COOLANT_C = 90;

	static final double AMBIENT_C = 20;

	private Physics() {
	}

	static void apply(Signals signals, CarProfile car, double speedKmh, long dtMs) {
		double seconds = dtMs / 1000.0;
		double km = speedKmh / 3600 * seconds;
		boolean running = signals.is(Signal.ENGINE_ON);
		boolean lights = signals.get(Signal.HEADLIGHTS) == Signal.Lights.ON;
		signals.set(Signal.SPEED_KMH, speedKmh);
		signals.set(Signal.ODOMETER_KM, signals.get(Signal.ODOMETER_KM) + km);
		if (running) {
			signals.set(Signal.ENGINE_RPM, (speedKmh < 1) ? 750 : 900 + 35 * speedKmh);
			signals.approach(Signal.COOLANT_TEMP_C, WARM_COOLANT_C, 0.5 * seconds);
			signals.approach(Signal.OIL_TEMP_C, 95, 0.3 * seconds);
			signals.approach(Signal.BATTERY_VOLTAGE, 14.1, 0.2 * seconds);
		}
		else {
			signals.set(Signal.ENGINE_RPM, 0);
			signals.approach(Signal.COOLANT_TEMP_C, AMBIENT_C, 0.05 * seconds);
			signals.approach(Signal.OIL_TEMP_C, AMBIENT_C, 0.03 * seconds);
			signals.approach(Signal.BATTERY_VOLTAGE, lights ? 11.9 : 12.6, (lights ? 0.0005 : 0.01) * seconds);
		}
		if (car.electric()) {
			double charge = signals.get(Signal.BATTERY_SOC_PCT) - km * 0.25;
			signals.set(Signal.BATTERY_SOC_PCT, (!running && charge < 30) ? charge + 0.02 * seconds : charge);
		}
		else {
			double fuel = signals.get(Signal.FUEL_LEVEL_PCT) - km * 0.12;
			signals.set(Signal.FUEL_LEVEL_PCT, (!running && fuel < 12) ? 95 : fuel);
			signals.approach(Signal.BATTERY_SOC_PCT, 85, 0.01 * seconds);
		}
	}

}
