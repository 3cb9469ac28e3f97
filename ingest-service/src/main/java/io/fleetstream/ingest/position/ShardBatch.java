package io.fleetstream.ingest.position;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.fleetstream.common.gps.GpsFix;

/**
 * The keys and arguments of one script call: the fixes of one shard, in order, encoded as
 * the script expects.
 */
final class ShardBatch {

	/**
	 * A track's expiry is moved forward once per interval of this length rather than on
	 * every fix: it only has to outlive the car's silence, and a command per fix costs.
	 */
	static final long TRACK_EXPIRY_REFRESH_MS = 10_000;

	private static final byte[] EXPIRY_REFRESH_MS = bytes(Long.toString(TRACK_EXPIRY_REFRESH_MS));

	private static final byte[] GEO_INDEXED = bytes("1");

	private static final byte[] NOT_GEO_INDEXED = bytes("0");

	final byte[][] keys;

	final byte[][] args;

	private ShardBatch(byte[][] keys, byte[][] args) {
		this.keys = keys;
		this.args = args;
	}

	static ShardBatch of(int shard, List<GpsFix> fixes, PositionKeys keyNames, int trackMaxPoints, long trackMaxAgeMs) {
		byte[][] keys = new byte[2 + 2 * fixes.size()][];
		byte[][] args = new byte[3 + 9 * fixes.size()][];
		keys[0] = bytes(keyNames.geo(shard));
		keys[1] = bytes(keyNames.seen(shard));
		args[0] = bytes(Integer.toString(trackMaxPoints));
		args[1] = bytes(Long.toString(trackMaxAgeMs));
		args[2] = EXPIRY_REFRESH_MS;
		int k = 2;
		int a = 3;
		for (GpsFix fix : fixes) {
			String ts = Long.toString(fix.ts());
			String lat = Double.toString(fix.lat());
			String lng = Double.toString(fix.lng());
			String speed = optional(fix.speedKmh());
			String heading = optional(fix.heading());
			keys[k++] = bytes(keyNames.position(shard, fix.carId()));
			keys[k++] = bytes(keyNames.track(shard, fix.carId()));
			args[a++] = bytes(fix.carId());
			args[a++] = bytes(ts);
			args[a++] = bytes(lat);
			args[a++] = bytes(lng);
			args[a++] = bytes(speed);
			args[a++] = bytes(heading);
			args[a++] = bytes(Long.toString(fix.kafkaTs()));
			args[a++] = fix.geoIndexable() ? GEO_INDEXED : NOT_GEO_INDEXED;
			args[a++] = bytes(ts + ',' + lat + ',' + lng + ',' + speed + ',' + heading);
		}
		return new ShardBatch(keys, args);
	}

	private static String optional(Double value) {
		return (value != null) ? Double.toString(value) : "";
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
