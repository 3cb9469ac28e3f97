package io.fleetstream.local.simulator.streets;

import java.util.List;

import io.fleetstream.local.simulator.SimulationArea;

/**
 * The Han river's course through Seoul, west to east, as a coarse polyline of its centre
 * line (approximate, drawn from public-domain map coordinates, good to a few hundred
 * metres), with the river's typical width. The simulated street network keeps out of it
 * and crosses it only on bridges, and the live map draws it.
 */
public final class HanRiver {

	/** About half of the river's width through Seoul (it is 0.7 to 1.2 km wide). */
	public static final double HALF_WIDTH_M = 400;

	/** Centre line, west to east: latitude, longitude. */
	public static final List<SimulationArea.Point> CENTRE_LINE = List.of(point(37.597, 126.800), point(37.573, 126.862),
			point(37.551, 126.895), point(37.540, 126.905), point(37.535, 126.925), point(37.529, 126.944),
			point(37.521, 126.954), point(37.514, 126.966), point(37.511, 126.980), point(37.513, 126.996),
			point(37.522, 127.010), point(37.533, 127.022), point(37.535, 127.035), point(37.529, 127.055),
			point(37.524, 127.072), point(37.524, 127.095), point(37.534, 127.106), point(37.545, 127.118),
			point(37.575, 127.160));

	private final double[] east;

	private final double[] north;

	/** The river in the plane of {@code area}. */
	public HanRiver(SimulationArea area) {
		this.east = new double[CENTRE_LINE.size()];
		this.north = new double[CENTRE_LINE.size()];
		for (int i = 0; i < CENTRE_LINE.size(); i++) {
			SimulationArea.Point point = CENTRE_LINE.get(i);
			this.east[i] = area.eastM(point.lat(), point.lng());
			this.north[i] = area.northM(point.lat());
		}
	}

	/**
	 * The river centre line's position north of the area's centre at {@code eastM} east
	 * of it (the river runs west to east, so this is a function of east), linearly
	 * interpolated and held constant beyond the ends.
	 */
	public double centreNorthM(double eastM) {
		if (eastM <= this.east[0]) {
			return this.north[0];
		}
		for (int i = 1; i < this.east.length; i++) {
			if (eastM <= this.east[i]) {
				double share = (eastM - this.east[i - 1]) / (this.east[i] - this.east[i - 1]);
				return this.north[i - 1] + share * (this.north[i] - this.north[i - 1]);
			}
		}
		return this.north[this.north.length - 1];
	}

	/** Whether a point (metres from the area's centre) is on the water. */
	public boolean covers(double northM, double eastM) {
		return Math.abs(northM - centreNorthM(eastM)) < HALF_WIDTH_M;
	}

	/** Whether the straight segment between two points crosses the river. */
	public boolean separates(double northA, double eastA, double northB, double eastB) {
		return Math.signum(northA - centreNorthM(eastA)) != Math.signum(northB - centreNorthM(eastB));
	}

	private static SimulationArea.Point point(double lat, double lng) {
		return new SimulationArea.Point(lat, lng);
	}

}
