package io.fleetstream.common.gps;

/**
 * One validated GPS fix of a car.
 *
 * @param carId the car id (the record key)
 * @param lat latitude in degrees, [-90, 90]
 * @param lng longitude in degrees, [-180, 180]
 * @param ts event time, epoch millis
 * @param speedKmh speed in km/h, or {@code null} when not sent
 * @param heading heading in degrees clockwise from north, [0, 360], or {@code null}
 * @param kafkaTs the Kafka record timestamp, epoch millis
 */
public record GpsFix(String carId, double lat, double lng, long ts, Double speedKmh, Double heading, long kafkaTs) {

	/**
	 * The largest latitude Redis can geo-index (the Web Mercator limit). Fixes beyond it
	 * are valid but kept out of the geo index.
	 */
	public static final double MAX_GEO_INDEXABLE_LAT = 85.05112878;

	public boolean geoIndexable() {
		return Math.abs(this.lat) <= MAX_GEO_INDEXABLE_LAT;
	}

}
