package io.fleetstream.ingest.position;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Builds every position key name (documented in {@code docs/redis-keys.md}). All keys of
 * one shard share the hash tag {@code {shard}}, so one script call per shard stays in one
 * cluster slot.
 */
public final class PositionKeys {

	private static final String PREFIX = "fleet:{";

	private final int shardCount;

	public PositionKeys(int shardCount) {
		if (shardCount < 1) {
			throw new IllegalArgumentException("shardCount must be at least 1, was " + shardCount);
		}
		this.shardCount = shardCount;
	}

	public int shardCount() {
		return this.shardCount;
	}

	public int shardOf(String carId) {
		CRC32 crc = new CRC32();
		crc.update(carId.getBytes(StandardCharsets.UTF_8));
		return (int) (crc.getValue() % this.shardCount);
	}

	public String geo(int shard) {
		return PREFIX + shard + "}:geo";
	}

	public String seen(int shard) {
		return PREFIX + shard + "}:seen";
	}

	/**
	 * The hash of a shard's latest positions: field = car id, value =
	 * {@link PackedPosition}.
	 */
	public String positions(int shard) {
		return PREFIX + shard + "}:pos";
	}

	public String track(String carId) {
		return track(shardOf(carId), carId);
	}

	/** The track key of a car whose shard is already known. */
	public String track(int shard, String carId) {
		return PREFIX + shard + "}:track:" + carId;
	}

}
