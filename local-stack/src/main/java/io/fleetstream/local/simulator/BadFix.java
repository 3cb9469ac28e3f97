package io.fleetstream.local.simulator;

import java.util.Locale;
import java.util.random.RandomGenerator;

import io.fleetstream.common.gps.GpsRejection;

/**
 * The kinds of broken fix a real fleet sends now and then, one per validation rule of
 * ingest-service. Mixed into the simulated traffic at a small configurable rate, they
 * show the dead-letter topic and the rejection metrics at work.
 */
enum BadFix {

	MALFORMED_JSON(GpsRejection.MALFORMED_JSON) {
		@Override
		String json(CarState car, long nowMs) {
			return String.format(Locale.ROOT, "{\"lat\":%.6f,\"lng\":", car.lat());
		}
	},

	NON_NUMERIC_LATITUDE(GpsRejection.NON_NUMERIC_COORDINATE) {
		@Override
		String json(CarState car, long nowMs) {
			return fix("\"north\"", car.lng(), car.ts());
		}
	},

	LATITUDE_OUT_OF_RANGE(GpsRejection.LATITUDE_OUT_OF_RANGE) {
		@Override
		String json(CarState car, long nowMs) {
			return fix("91.5", car.lng(), car.ts());
		}
	},

	LONGITUDE_OUT_OF_RANGE(GpsRejection.LONGITUDE_OUT_OF_RANGE) {
		@Override
		String json(CarState car, long nowMs) {
			return fix(String.valueOf(car.lat()), 181.25, car.ts());
		}
	},

	MISSING_LONGITUDE(GpsRejection.MISSING_COORDINATE) {
		@Override
		String json(CarState car, long nowMs) {
			return String.format(Locale.ROOT, "{\"lat\":%.6f,\"ts\":%d}", car.lat(), car.ts());
		}
	},

	NULL_ISLAND(GpsRejection.NULL_ISLAND) {
		@Override
		String json(CarState car, long nowMs) {
			return fix("0.0", 0.0, car.ts());
		}
	},

	EVENT_TIME_IN_THE_FUTURE(GpsRejection.FUTURE_TIMESTAMP) {
		@Override
		String json(CarState car, long nowMs) {
			return fix(String.valueOf(car.lat()), car.lng(), nowMs + 3_600_000);
		}
	};

	private final GpsRejection rejection;

	BadFix(GpsRejection rejection) {
		this.rejection = rejection;
	}

	/** The validation rule of ingest-service this kind breaks. */
	GpsRejection rejection() {
		return this.rejection;
	}

	abstract String json(CarState car, long nowMs);

	static BadFix random(RandomGenerator random) {
		BadFix[] kinds = values();
		return kinds[random.nextInt(kinds.length)];
	}

	private static String fix(String lat, double lng, long ts) {
		return String.format(Locale.ROOT, "{\"lat\":%s,\"lng\":%.6f,\"ts\":%d}", lat, lng, ts);
	}

}
