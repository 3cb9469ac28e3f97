package io.fleetstream.common;

/**
 * The catalogue of default topic names (see DESIGN.md). Every name is configurable
 * through {@code fleet.routes.*}; these are the defaults the services ship with.
 */
public final class Topics {

	public static final String GPS = "cars.gps.json";

	public static final String STATUS = "cars.status.json";

	public static final String CDC_CARINFO = "cdc.carinfo";

	public static final String CDC_DEVICEINFO = "cdc.deviceinfo";

	public static final String ENRICHED = "cars.enriched.json";

	public static final String ALERTS = "cars.alerts.json";

	public static final String SCHEMA_CHANGES = "fleet.schema-changes.json";

	private Topics() {
	}

}
