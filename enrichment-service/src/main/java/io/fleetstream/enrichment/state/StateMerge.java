package io.fleetstream.enrichment.state;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fleetstream.enrichment.telemetry.TelemetryUpdate;
import tools.jackson.databind.JsonNode;

/**
 * Merges an update into a car's state, per signal: a signal takes the update's value when
 * the update's event time is at or after the one it holds (at the same time, the later
 * arrival wins, which a replay of the same records in the same order repeats), so an
 * older value never overwrites a newer one, in any arrival order. An array in the update
 * replaces the whole array held: elements beyond its new length are removed, unless a
 * newer update set them; a replayed older update whose array a newer one replaced changes
 * none of its elements.
 */
public final class StateMerge {

	private StateMerge() {
	}

	public static StateChange apply(CarState state, TelemetryUpdate update) {
		long t = update.eventTimeMs();
		Map<String, Signal> set = new LinkedHashMap<>();
		// a GPS fix (most records) replaces no array: no maps made for what it cannot
		// change
		boolean replacesArrays = !update.arrays().isEmpty();
		Map<String, Long> removed = replacesArrays ? new LinkedHashMap<>() : Map.of();
		Map<String, Long> arrays = replacesArrays ? new LinkedHashMap<>() : Map.of();
		List<String> changed = new ArrayList<>(update.signals().size());
		// forEach, not entrySet(): the update's map is unmodifiable, and its entry set
		// wraps every entry it hands out
		update.signals().forEach((path, value) -> setSignal(state, path, value, t, set, changed));
		for (String array : update.arrays()) {
			Long replaced = state.arrays.get(array);
			if (replaced != null && replaced > t) {
				continue;
			}
			if (replaced == null || replaced < t) {
				state.arrays.put(array, t);
				arrays.put(array, t);
			}
			removeOldElements(state, update, array, t, removed, changed);
		}
		return new StateChange(update.carId(), set, removed, arrays, changed);
	}

	private static void setSignal(CarState state, String path, JsonNode value, long t, Map<String, Signal> set,
			List<String> changed) {
		if (replacedLater(state, path, t)) {
			return;
		}
		// one search of the car's table for the read and the write
		int index = state.signals.indexOf(path);
		Signal held = (index >= 0) ? state.signals.signal(index) : null;
		boolean same = held != null && held.value().equals(value);
		if (held == null || t > held.timeMs() || (t == held.timeMs() && !same)) {
			// an unchanged value keeps its text: only its time moves
			Signal newer = same ? new Signal(held.value(), t, held.json()) : new Signal(value, t);
			if (held != null) {
				state.signals.setAt(index, newer);
			}
			else {
				// a path new to the car is held as the fleet's shared instance of it
				state.signals.insertAt(-index - 1, SignalPaths.shared(path), newer);
			}
			set.put(path, newer);
			changed.add(path);
		}
	}

	private static void removeOldElements(CarState state, TelemetryUpdate update, String array, long t,
			Map<String, Long> removed, List<String> changed) {
		String elements = array + '[';
		for (Iterator<Map.Entry<String, Signal>> it = state.signals.entrySet().iterator(); it.hasNext();) {
			Map.Entry<String, Signal> held = it.next();
			String path = held.getKey();
			boolean inArray = path.equals(array) || path.startsWith(elements);
			if (inArray && !update.signals().containsKey(path) && held.getValue().timeMs() <= t) {
				it.remove();
				removed.put(path, t);
				changed.add(path);
			}
		}
	}

	/**
	 * Whether an array the path lies in (or the path itself, as an array) was replaced
	 * after t.
	 */
	private static boolean replacedLater(CarState state, String path, long t) {
		if (state.arrays.isEmpty()) {
			return false;
		}
		Long self = state.arrays.get(path);
		if (self != null && self > t) {
			return true;
		}
		for (int i = path.indexOf('['); i > 0; i = path.indexOf('[', i + 1)) {
			Long replaced = state.arrays.get(path.substring(0, i));
			if (replaced != null && replaced > t) {
				return true;
			}
		}
		return false;
	}

}
