package io.fleetstream.local.simulator;

/**
 * One GPS fix as a simulated device takes it, before it is encoded.
 *
 * @param carId the car id, also the record key
 * @param lat latitude, degrees
 * @param lng longitude, degrees
 * @param ts the time of the fix, epoch millis
 * @param speedKmh speed
 * @param headingDeg heading, degrees clockwise from north
 */
public record GpsSample(String carId, double lat, double lng, long ts, double speedKmh, double headingDeg) {

}
