package io.fleetstream.ingest.position;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.fleetstream.common.gps.GpsFix;

/**
 * The keys and arguments of one script call: the fixes of one shard, in order, encoded as
 * the script expects.
 */
final class ShardBatch {

	private static final byte[] EMPTY = new byte[0];

	final byte[][] keys;

	final byte[][] args;

	private ShardBatch(byte[][] keys, byte[][] args) {
		this.keys = keys;
		this.args = args;
	}

	static ShardBatch of(int shard, List<GpsFix> fixes, PositionKeys keyNames, int trackMaxPoints, long trackMaxAgeMs) {
		byte[][] keys = new byte[2 + 2 * fixes.size()][];
		byte[][] args = new byte[2 + 7 * fixes.size()][];
		keys[0] = bytes(keyNames.geo(shard));
		keys[1] = bytes(keyNames.seen(shard));
		args[0] = bytes(Integer.toString(trackMaxPoints));
		args[1] = bytes(Long.toString(trackMaxAgeMs));
		int k = 2;
		int a = 2;
		for (GpsFix fix : fixes) {
			keys[k++] = bytes(keyNames.position(fix.carId()));
			keys[k++] = bytes(keyNames.track(fix.carId()));
			args[a++] = bytes(fix.carId());
			args[a++] = bytes(Long.toString(fix.ts()));
			args[a++] = bytes(Double.toString(fix.lat()));
			args[a++] = bytes(Double.toString(fix.lng()));
			args[a++] = optional(fix.speedKmh());
			args[a++] = optional(fix.heading());
			args[a++] = bytes(Long.toString(fix.kafkaTs()));
		}
		return new ShardBatch(keys, args);
	}

	private static byte[] optional(Double value) {
		return (value != null) ? bytes(Double.toString(value)) : EMPTY;
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
