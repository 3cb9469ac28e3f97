package io.fleetstream.ingest.position;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.fleetstream.common.gps.GpsFix;

/**
 * The keys and arguments of one script call: the fixes of one shard, in order, encoded as
 * the script expects ({@code scripts/apply-fixes.lua}). Per fix: car id, ts, lat, lng
 * (empty when the fix is beyond the geo-indexable latitude) and the
 * {@link PackedPosition}; per fix one track key when the track is kept.
 */
final class ShardBatch {

	/**
	 * A track's expiry is moved forward once per interval of this length rather than on
	 * every fix: it only has to outlive the car's silence, and a command per fix costs.
	 */
	static final long TRACK_EXPIRY_REFRESH_MS = 10_000;

	static final int HEADER = 4;

	static final int PER_FIX = 5;

	private static final byte[] EXPIRY_REFRESH_MS = ascii(Long.toString(TRACK_EXPIRY_REFRESH_MS));

	private static final byte[] NOT_GEO_INDEXED = new byte[0];

	final byte[][] keys;

	final byte[][] args;

	private ShardBatch(byte[][] keys, byte[][] args) {
		this.keys = keys;
		this.args = args;
	}

	static ShardBatch of(int shard, List<GpsFix> fixes, PositionKeys keyNames, TrackSettings track) {
		boolean tracked = track.maxPoints() > 0;
		byte[][] keys = new byte[3 + (tracked ? fixes.size() : 0)][];
		byte[][] args = new byte[HEADER + PER_FIX * fixes.size()][];
		keys[0] = ascii(keyNames.geo(shard));
		keys[1] = ascii(keyNames.seen(shard));
		keys[2] = ascii(keyNames.positions(shard));
		args[0] = track.maxPointsArg();
		args[1] = track.maxAgeArg();
		args[2] = EXPIRY_REFRESH_MS;
		args[3] = track.resolutionArg();
		int k = 3;
		int a = HEADER;
		for (GpsFix fix : fixes) {
			if (tracked) {
				keys[k++] = keyNames.track(shard, fix.carId()).getBytes(StandardCharsets.UTF_8);
			}
			args[a++] = fix.carId().getBytes(StandardCharsets.UTF_8);
			args[a++] = ascii(Long.toString(fix.ts()));
			String lat = Double.toString(fix.lat());
			String lng = Double.toString(fix.lng());
			if (fix.geoIndexable()) {
				args[a++] = ascii(lat);
				args[a++] = ascii(lng);
			}
			else {
				args[a++] = NOT_GEO_INDEXED;
				args[a++] = NOT_GEO_INDEXED;
			}
			args[a++] = PackedPosition.encode(fix, lat, lng);
		}
		return new ShardBatch(keys, args);
	}

	/** The track settings as script arguments, encoded once. */
	record TrackSettings(int maxPoints, byte[] maxPointsArg, byte[] maxAgeArg, byte[] resolutionArg) {

		static TrackSettings of(int maxPoints, long maxAgeMs, long resolutionMs) {
			return new TrackSettings(maxPoints, ascii(Integer.toString(maxPoints)), ascii(Long.toString(maxAgeMs)),
					ascii(Long.toString(resolutionMs)));
		}

	}

	/** Key names, numbers and car ids here are ASCII: a byte per char, no encoder. */
	private static byte[] ascii(String value) {
		return value.getBytes(StandardCharsets.ISO_8859_1);
	}

}
