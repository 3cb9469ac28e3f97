package io.fleetstream.ingest.live;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fleetstream.ingest.position.PackedPosition;

/**
 * What the live feed has sent, and so what it must read next: the fleet as last pushed
 * (each car's newest position), and per shard a cursor, the newest last-seen time met.
 * Pure and used by the feed's one thread only.
 * <p>
 * The rule ({@code docs/map.md}): each poll reads, per shard, the cars whose last-seen
 * time (the {@code fleet:{s}:seen} score, the event time of the car's stored position) is
 * at least {@code min(cursor, now) - overlap}, and reads the positions of those whose
 * last-seen time is newer than the position last sent for them. So a write that lands
 * late (a lagging consumer's fix, older than what other cars already reported) is still
 * pushed while it is at most {@code overlap} behind the shard's newest; a later one is
 * pushed by the next full comparison ({@link #fullLowerBound()}), which also finds the
 * cars that left Redis. A device clock running ahead cannot move the window past the
 * present: the cursor counts at most up to {@code now}.
 */
final class DeltaTracker {

	private final long overlapMs;

	private final long[] cursor;

	private final Map<String, PackedPosition> fleet = new HashMap<>();

	DeltaTracker(int shards, long overlapMs) {
		this.overlapMs = overlapMs;
		this.cursor = new long[shards];
		Arrays.fill(this.cursor, Long.MIN_VALUE);
	}

	/** The lowest last-seen time to read from a shard in an incremental poll. */
	double lowerBound(int shard, long nowMs) {
		long newest = this.cursor[shard];
		if (newest == Long.MIN_VALUE) {
			return Double.NEGATIVE_INFINITY;
		}
		return Math.min(newest, nowMs) - this.overlapMs;
	}

	/** A full comparison reads every car's last-seen time. */
	static double fullLowerBound() {
		return Double.NEGATIVE_INFINITY;
	}

	/**
	 * The cars of a shard whose last-seen time is newer than what was sent for them;
	 * moves the shard's cursor.
	 */
	List<String> changed(int shard, Collection<Seen> seen) {
		List<String> changed = new ArrayList<>();
		long newest = this.cursor[shard];
		for (Seen car : seen) {
			newest = Math.max(newest, car.ts());
			PackedPosition sent = this.fleet.get(car.carId());
			if (sent == null || car.ts() > sent.ts()) {
				changed.add(car.carId());
			}
		}
		this.cursor[shard] = newest;
		return changed;
	}

	/**
	 * Records a position read for a changed car.
	 * @return whether it is newer than the one sent (and so must be sent)
	 */
	boolean accept(String carId, PackedPosition position) {
		PackedPosition sent = this.fleet.get(carId);
		if (sent != null && position.ts() <= sent.ts()) {
			return false;
		}
		this.fleet.put(carId, position);
		return true;
	}

	/**
	 * After a full comparison: forgets the cars Redis no longer has.
	 * @return their ids
	 */
	List<String> retainOnly(Set<String> present) {
		List<String> gone = new ArrayList<>();
		for (Iterator<String> cars = this.fleet.keySet().iterator(); cars.hasNext();) {
			String car = cars.next();
			if (!present.contains(car)) {
				gone.add(car);
				cars.remove();
			}
		}
		return gone;
	}

	/** The fleet as sent so far: what a new subscriber starts from. */
	Map<String, PackedPosition> fleet() {
		return this.fleet;
	}

	int size() {
		return this.fleet.size();
	}

	/**
	 * A car's last-seen time as read from its shard's {@code seen} set.
	 *
	 * @param carId the car
	 * @param ts event time of its stored position, epoch millis
	 */
	record Seen(String carId, long ts) {
	}

}
