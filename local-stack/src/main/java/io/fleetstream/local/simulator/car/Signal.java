package io.fleetstream.local.simulator.car;

import java.util.List;

/**
 * The vehicle signals a simulated device reports on {@code cars.status.json}, in the
 * message's nested shape (DESIGN.md, "The status message"): each has its path, how its
 * value is written, and the dead band a change must exceed before the device reports it
 * (continuous values such as speed or temperature would otherwise change every second).
 * Values are held as doubles: booleans as 0/1, named states as the index into
 * {@link #states}, {@code NaN} for a signal the car does not have.
 */
public enum Signal {

	ENGINE_ON("engine.on", Kind.BOOLEAN, 0), ENGINE_RPM("engine.rpm", Kind.INTEGER, 300),
	COOLANT_TEMP_C("engine.coolantTempC", Kind.DECIMAL, 1), OIL_LEVEL("engine.oil.level", OilLevels.NAMES),
	OIL_TEMP_C("engine.oil.tempC", Kind.DECIMAL, 2),

	DOOR_FRONT_LEFT("body.doors.frontLeft", Doors.NAMES), DOOR_FRONT_RIGHT("body.doors.frontRight", Doors.NAMES),
	DOOR_REAR_LEFT("body.doors.rearLeft", Doors.NAMES), DOOR_REAR_RIGHT("body.doors.rearRight", Doors.NAMES),
	TRUNK("body.doors.trunk", Doors.NAMES), LOCKED("body.locked", Kind.BOOLEAN, 0),
	HEADLIGHTS("body.lights.headlights", Lights.NAMES), HIGH_BEAM("body.lights.highBeam", Lights.NAMES),
	PARKING_LIGHTS("body.lights.parking", Lights.NAMES),

	BATTERY_VOLTAGE("battery.voltage", Kind.DECIMAL, 0.1), BATTERY_SOC_PCT("battery.socPct", Kind.DECIMAL, 1),
	FUEL_LEVEL_PCT("fuel.levelPct", Kind.DECIMAL, 1),

	TIRE_FRONT_LEFT("tires.pressureKpa.frontLeft", Kind.INTEGER, 2),
	TIRE_FRONT_RIGHT("tires.pressureKpa.frontRight", Kind.INTEGER, 2),
	TIRE_REAR_LEFT("tires.pressureKpa.rearLeft", Kind.INTEGER, 2),
	TIRE_REAR_RIGHT("tires.pressureKpa.rearRight", Kind.INTEGER, 2),

	CRASH_DETECTED("safety.crashDetected", Kind.BOOLEAN, 0), AIRBAG_DEPLOYED("safety.airbagDeployed", Kind.BOOLEAN, 0),

	SPEED_KMH("speedKmh", Kind.INTEGER, 5), ODOMETER_KM("odometerKm", Kind.DECIMAL, 0.5),

	/**
	 * A sensor a firmware update brings: absent until the simulator's schema-change
	 * switch turns it on for a car, then a new attribute five levels deep.
	 */
	LANE_CAMERA_CALIBRATED("adas.laneKeeping.camera.calibration.ok", Kind.BOOLEAN, 0);

	/** Every door, for "all doors closed". */
	public static final List<Signal> DOORS = List.of(DOOR_FRONT_LEFT, DOOR_FRONT_RIGHT, DOOR_REAR_LEFT, DOOR_REAR_RIGHT,
			TRUNK);

	/** Every tyre. */
	public static final List<Signal> TIRES = List.of(TIRE_FRONT_LEFT, TIRE_FRONT_RIGHT, TIRE_REAR_LEFT,
			TIRE_REAR_RIGHT);

	private final String path;

	private final Kind kind;

	private final double deadBand;

	private final List<String> states;

	Signal(String path, Kind kind, double deadBand) {
		this.path = path;
		this.kind = kind;
		this.deadBand = deadBand;
		this.states = List.of();
	}

	Signal(String path, List<String> states) {
		this.path = path;
		this.kind = Kind.STATE;
		this.deadBand = 0;
		this.states = states;
	}

	/** The dotted path, as enrichment-service flattens it. */
	public String path() {
		return this.path;
	}

	public Kind kind() {
		return this.kind;
	}

	/** A change must be larger than this to be reported (0: any change). */
	public double deadBand() {
		return this.deadBand;
	}

	/** For {@link Kind#STATE}: the names the value indexes. */
	public List<String> states() {
		return this.states;
	}

	/** Whether the dead band is zero: every change is reported at once. */
	public boolean discrete() {
		return this.deadBand == 0;
	}

	/** How a value is written in JSON. */
	public enum Kind {

		BOOLEAN, INTEGER, DECIMAL, STATE

	}

	/** Door states. */
	public static final class Doors {

		public static final int CLOSED = 0;

		public static final int OPEN = 1;

		static final List<String> NAMES = List.of("CLOSED", "OPEN");

		private Doors() {
		}

	}

	/** Light states. */
	public static final class Lights {

		public static final int OFF = 0;

		public static final int ON = 1;

		static final List<String> NAMES = List.of("OFF", "ON");

		private Lights() {
		}

	}

	/** Oil level states. */
	public static final class OilLevels {

		public static final int CRITICALLY_LOW = 0;

		public static final int LOW = 1;

		public static final int NORMAL = 2;

		public static final int HIGH = 3;

		static final List<String> NAMES = List.of("CRITICALLY_LOW", "LOW", "NORMAL", "HIGH");

		private OilLevels() {
		}

	}

}
