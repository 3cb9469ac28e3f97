package io.fleetstream.enrichment.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one update (or, coalesced, a batch of updates) changed in a car's state: the Redis
 * write is made of it.
 *
 * @param carId the car
 * @param set signals given a newer value or event time
 * @param removed paths removed (elements beyond a replaced array's new length), with the
 * event time of the update that removed them
 * @param arrays arrays replaced, with the event time of the replacement
 * @param changed the paths set or removed, in the order the update had them
 */
public record StateChange(String carId, Map<String, Signal> set, Map<String, Long> removed, Map<String, Long> arrays,
		List<String> changed) {

	public boolean isEmpty() {
		return this.set.isEmpty() && this.removed.isEmpty() && this.arrays.isEmpty();
	}

	/** This change followed by a later one of the same car, as one write. */
	public StateChange then(StateChange later) {
		Map<String, Signal> set = new LinkedHashMap<>(this.set);
		Map<String, Long> removed = new LinkedHashMap<>(this.removed);
		later.removed.forEach((path, time) -> {
			set.remove(path);
			removed.put(path, time);
		});
		later.set.forEach((path, signal) -> {
			removed.remove(path);
			set.put(path, signal);
		});
		Map<String, Long> arrays = new LinkedHashMap<>(this.arrays);
		later.arrays.forEach((path, time) -> arrays.merge(path, time, Math::max));
		List<String> changed = new ArrayList<>(this.changed);
		later.changed.stream().filter((path) -> !changed.contains(path)).forEach(changed::add);
		return new StateChange(this.carId, set, removed, arrays, changed);
	}

}
