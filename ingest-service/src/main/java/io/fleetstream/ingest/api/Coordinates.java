package io.fleetstream.ingest.api;

import io.fleetstream.common.web.InvalidParameterException;

/**
 * Range checks of latitudes and longitudes; a rejection names the parameter and, when the
 * value is one part of it, which part.
 */
final class Coordinates {

	private Coordinates() {
	}

	static void checkLat(String parameter, String label, double lat) {
		if (!(lat >= -90 && lat <= 90)) {
			throw new InvalidParameterException(parameter,
					label + " must be a latitude between -90 and 90, was " + lat);
		}
	}

	static void checkLng(String parameter, String label, double lng) {
		if (!(lng >= -180 && lng <= 180)) {
			throw new InvalidParameterException(parameter,
					label + " must be a longitude between -180 and 180, was " + lng);
		}
	}

}
