package io.fleetstream.local.simulator.car;

/** Where a simulated car's device sends what it reports. */
public interface CarOutput {

	/** A GPS fix. */
	void gps(CarProfile car, double lat, double lng, long ts, double speedKmh, double headingDeg);

	/** A status message (nested JSON, only what changed). */
	void status(CarProfile car, long ts, byte[] json);

}
