package io.fleetstream.ingest.api;

/**
 * The width and height of a Redis {@code GEOSEARCH ... BYBOX} from a box's centre that
 * surely covers a longitude/latitude box.
 * <p>
 * Redis keeps a point when its distance from the centre along the point's own parallel is
 * at most half the width, and along the meridian at most half the height (haversine, the
 * Earth radius below). Along a parallel a degree of longitude is longest where the
 * latitude is closest to the equator, so the width is taken there; a small margin covers
 * the geo index's ~0.6 m coordinate precision. The search then returns slightly more than
 * the box, and the caller filters exactly by the box.
 */
record GeoSearchBox(double widthM, double heightM) {

	/** The Earth radius Redis uses for geo distances, in metres. */
	static final double REDIS_EARTH_RADIUS_M = 6372797.560856;

	private static final double MARGIN = 1.001;

	private static final double MARGIN_M = 10;

	static GeoSearchBox covering(SearchArea.Box box) {
		double widestLat = (box.minLat() <= 0 && box.maxLat() >= 0) ? 0
				: Math.min(Math.abs(box.minLat()), Math.abs(box.maxLat()));
		double centreToEdgeLng = Math.toRadians(box.maxLng() - box.minLng()) / 2;
		double halfWidth = 2 * REDIS_EARTH_RADIUS_M
				* Math.asin(Math.cos(Math.toRadians(widestLat)) * Math.sin(centreToEdgeLng / 2));
		double halfHeight = REDIS_EARTH_RADIUS_M * Math.toRadians(box.maxLat() - box.minLat()) / 2;
		return new GeoSearchBox(2 * halfWidth * MARGIN + MARGIN_M, 2 * halfHeight * MARGIN + MARGIN_M);
	}

}
