package io.fleetstream.ingest.live;

import java.util.List;
import java.util.Map;

import io.fleetstream.ingest.position.PackedPosition;

/**
 * What one poll found: cars with a newer position, and cars no longer stored.
 *
 * @param moved car id -> its newest position
 * @param gone ids of cars Redis no longer has
 */
record LiveChange(Map<String, PackedPosition> moved, List<String> gone) {

	boolean isEmpty() {
		return this.moved.isEmpty() && this.gone.isEmpty();
	}

}
