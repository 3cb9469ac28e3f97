package io.fleetstream.ingest.api;

/**
 * Where to look for vehicles: a circle around a point, or a longitude/latitude box. Both
 * are searched in the geo index from a centre point, so both report each vehicle's
 * distance from that centre.
 */
sealed interface SearchArea permits SearchArea.Circle, SearchArea.Box {

	/**
	 * The limit of the Redis geo index (Web Mercator): positions beyond it are stored but
	 * not geo-indexed.
	 */
	double GEO_LAT_LIMIT = 85.05112878;

	double centreLat();

	double centreLng();

	/**
	 * Whether a point the geo index returned belongs to the area (the index search may
	 * return a little more than asked for).
	 */
	boolean contains(double lat, double lng);

	/**
	 * Vehicles within {@code radiusM} metres of a point.
	 */
	record Circle(double lat, double lng, double radiusM) implements SearchArea {

		@Override
		public double centreLat() {
			return this.lat;
		}

		@Override
		public double centreLng() {
			return this.lng;
		}

		@Override
		public boolean contains(double lat, double lng) {
			return true;
		}

	}

	/**
	 * Vehicles inside a box that does not cross the antimeridian
	 * ({@code minLng < maxLng}).
	 */
	record Box(double minLng, double minLat, double maxLng, double maxLat) implements SearchArea {

		/** The box's part the geo index can hold, or {@code null} if none. */
		Box indexable() {
			double south = Math.max(this.minLat, -GEO_LAT_LIMIT);
			double north = Math.min(this.maxLat, GEO_LAT_LIMIT);
			return (south < north) ? new Box(this.minLng, south, this.maxLng, north) : null;
		}

		@Override
		public double centreLat() {
			return (this.minLat + this.maxLat) / 2;
		}

		@Override
		public double centreLng() {
			return (this.minLng + this.maxLng) / 2;
		}

		@Override
		public boolean contains(double lat, double lng) {
			return lat >= this.minLat && lat <= this.maxLat && lng >= this.minLng && lng <= this.maxLng;
		}

		/** The box's area on a spherical Earth, in square kilometres. */
		double areaKm2() {
			double meanRadiusKm = 6371.0088;
			double lngSpan = Math.toRadians(this.maxLng - this.minLng);
			return meanRadiusKm * meanRadiusKm * lngSpan
					* (Math.sin(Math.toRadians(this.maxLat)) - Math.sin(Math.toRadians(this.minLat)));
		}

	}

}
