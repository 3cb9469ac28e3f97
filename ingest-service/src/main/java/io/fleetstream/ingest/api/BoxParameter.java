package io.fleetstream.ingest.api;

import java.util.Locale;
import io.fleetstream.common.web.InvalidParameterException;

/**
 * Parses and checks {@code bbox=minLng,minLat,maxLng,maxLat}. A box crossing the
 * antimeridian ({@code minLng > maxLng}) is rejected: the client splits it in two.
 */
final class BoxParameter {

	private static final String NAME = "bbox";

	private BoxParameter() {
	}

	static SearchArea.Box parse(String bbox, double maxAreaKm2) {
		String[] parts = bbox.split(",", -1);
		if (parts.length != 4) {
			throw invalid("bbox must be 4 comma-separated numbers minLng,minLat,maxLng,maxLat, was '" + bbox + "'");
		}
		double[] values = new double[4];
		for (int i = 0; i < 4; i++) {
			values[i] = number(parts[i].strip(), bbox);
		}
		SearchArea.Box box = new SearchArea.Box(values[0], values[1], values[2], values[3]);
		Coordinates.checkLng(NAME, "bbox minLng", box.minLng());
		Coordinates.checkLat(NAME, "bbox minLat", box.minLat());
		Coordinates.checkLng(NAME, "bbox maxLng", box.maxLng());
		Coordinates.checkLat(NAME, "bbox maxLat", box.maxLat());
		if (box.minLng() > box.maxLng()) {
			throw invalid("bbox crosses the antimeridian (minLng > maxLng), which is not supported: "
					+ "split it into two boxes at longitude 180");
		}
		if (box.minLng() == box.maxLng() || box.minLat() >= box.maxLat()) {
			throw invalid("bbox must have minLng < maxLng and minLat < maxLat, was '" + bbox + "'");
		}
		double areaKm2 = box.areaKm2();
		if (areaKm2 > maxAreaKm2) {
			throw invalid(String.format(Locale.ROOT, "bbox covers %.1f km², more than the %s km² allowed", areaKm2,
					maxAreaKm2));
		}
		return box;
	}

	private static double number(String part, String bbox) {
		try {
			double value = Double.parseDouble(part);
			if (Double.isFinite(value)) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw invalid("bbox must be 4 comma-separated numbers minLng,minLat,maxLng,maxLat, was '" + bbox + "'");
	}

	private static InvalidParameterException invalid(String detail) {
		return new InvalidParameterException(NAME, detail);
	}

}
