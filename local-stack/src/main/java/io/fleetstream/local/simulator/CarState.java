package io.fleetstream.local.simulator;

/**
 * One simulated car at one instant: what it reports, plus where its driver means to go.
 *
 * @param carId the car id, also the record key
 * @param lat latitude, degrees
 * @param lng longitude, degrees
 * @param ts the time of this fix, epoch millis
 * @param speedKmh current speed
 * @param headingDeg current heading, degrees clockwise from north
 * @param targetSpeedKmh the speed the driver is accelerating or braking towards
 * @param targetHeadingDeg the heading the driver is turning towards
 * @param parked whether the car stays where it is
 */
public record CarState(String carId, double lat, double lng, long ts, double speedKmh, double headingDeg,
		double targetSpeedKmh, double targetHeadingDeg, boolean parked) {

	CarState at(long newTs) {
		return new CarState(this.carId, this.lat, this.lng, newTs, this.speedKmh, this.headingDeg, this.targetSpeedKmh,
				this.targetHeadingDeg, this.parked);
	}

}
