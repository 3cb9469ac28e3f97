package io.fleetstream.local.simulator;

import java.util.Locale;

/**
 * A simulated fix as the devices send it on {@code cars.gps.json} (see DESIGN.md):
 * {@code {"lat":..,"lng":..,"ts":<epoch ms>,"speed":<km/h>,"heading":<degrees>}}.
 */
final class GpsFixJson {

	private GpsFixJson() {
	}

	static String of(CarState car) {
		return String.format(Locale.ROOT, "{\"lat\":%.6f,\"lng\":%.6f,\"ts\":%d,\"speed\":%.1f,\"heading\":%d}",
				car.lat(), car.lng(), car.ts(), car.speedKmh(), Math.round(car.headingDeg()) % 360);
	}

}
