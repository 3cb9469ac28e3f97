package io.fleetstream.ingest.api;

/**
 * Places test cars at known distances, and computes the distances Redis reports (its
 * haversine on its Earth radius).
 */
final class TestGeo {

	private static final double R = GeoSearchBox.REDIS_EARTH_RADIUS_M;

	private TestGeo() {
	}

	/** The point {@code northM} metres north and {@code eastM} metres east of a point. */
	static double[] offset(double lat, double lng, double northM, double eastM) {
		double newLat = lat + Math.toDegrees(northM / R);
		double newLng = lng + Math.toDegrees(eastM / (R * Math.cos(Math.toRadians(lat))));
		return new double[] { newLat, newLng };
	}

	static double distanceM(double lat1, double lng1, double lat2, double lng2) {
		double dLat = Math.toRadians(lat2 - lat1);
		double dLng = Math.toRadians(lng2 - lng1);
		double a = Math.pow(Math.sin(dLat / 2), 2)
				+ Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLng / 2), 2);
		return 2 * R * Math.asin(Math.sqrt(a));
	}

}
