package io.fleetstream.enrichment.snapshot;

/**
 * Every snapshot key name (docs/redis-keys.md, "Snapshot"). All of them carry the hash
 * tag {@code {snapshot}}: one script call moves a device between two cars and rebuilds
 * both atomically, so in Redis Cluster the whole snapshot lives in one slot.
 */
final class SnapshotKeys {

	static final String PREFIX = "fleet:{snapshot}:";

	private SnapshotKeys() {
	}

	static String car(String carId) {
		return PREFIX + "car:" + carId;
	}

	static String devicesOf(String carId) {
		return PREFIX + "devices:" + carId;
	}

	static String deviceCar() {
		return PREFIX + "device-car";
	}

	static String rows(CdcRecord.Table table) {
		return PREFIX + "rows:" + table.prefix();
	}

	static String versions(CdcRecord.Table table) {
		return PREFIX + "versions:" + table.prefix();
	}

	static String offsets() {
		return PREFIX + "offsets";
	}

	static String generation() {
		return PREFIX + "generation";
	}

}
