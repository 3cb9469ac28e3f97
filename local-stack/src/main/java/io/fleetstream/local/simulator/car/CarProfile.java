package io.fleetstream.local.simulator.car;

import java.util.random.RandomGenerator;

/**
 * What does not change about a simulated car while it drives: its id, the device in it at
 * the start, its drive train and its driver's habits.
 *
 * @param carId the car id, also the telemetry records' key
 * @param deviceId the telematics device first installed in it
 * @param electric whether it is an EV (no fuel level; its battery charge falls as it
 * drives)
 * @param lightsOnByDay whether its driver drives with the headlights on in daylight
 * @param habit the driver's speed relative to the limit
 * @param tirePressureKpa the pressure its tyres are kept at
 */
public record CarProfile(String carId, String deviceId, boolean electric, boolean lightsOnByDay, double habit,
		double tirePressureKpa) {

	/** Car {@code number} (from 1): {@code car-00042} with device {@code dev-00042}. */
	public static CarProfile random(int number, RandomGenerator random) {
		return new CarProfile(carId(number), String.format("dev-%05d", number), random.nextDouble() < 0.3,
				random.nextDouble() < 0.2, random.nextDouble(0.85, 1.1), Math.rint(random.nextDouble(220, 240)));
	}

	public static String carId(int number) {
		return String.format("car-%05d", number);
	}

}
