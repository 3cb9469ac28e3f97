package io.fleetstream.local.simulator;

/**
 * Compass arithmetic: headings are degrees clockwise from north in [0, 360).
 */
final class Headings {

	private Headings() {
	}

	static double normalise(double degrees) {
		double normalised = degrees % 360;
		return (normalised < 0) ? normalised + 360 : normalised;
	}

	/** The signed shortest turn from one heading to another, in (-180, 180]. */
	static double turn(double fromDeg, double toDeg) {
		double turn = normalise(toDeg - fromDeg);
		return (turn > 180) ? turn - 360 : turn;
	}

}
