package io.fleetstream.enrichment.state;

import java.util.HashMap;
import java.util.Map;

/**
 * A car's up-to-date state as held in memory by the consumer that owns the car's
 * partition: every signal with its event time (sorted by path, as published;
 * {@link SignalTable}), and the time each array was last replaced (so a replayed older
 * update cannot bring back elements a newer one removed). Confined to that consumer's
 * thread.
 */
public final class CarState {

	final SignalTable signals = new SignalTable();

	final Map<String, Long> arrays = new HashMap<>();

	/**
	 * The snapshot attributes the car's enriched records were last written with, and
	 * their JSON: the snapshot replaces a car's attribute map when it changes (never
	 * mutates it), so the same map by identity means the same JSON (EnrichedMessage).
	 */
	Map<String, Object> reference;

	byte[] referenceJson;

	public Map<String, Signal> signals() {
		return java.util.Collections.unmodifiableMap(this.signals);
	}

	public Map<String, Long> arrays() {
		return java.util.Collections.unmodifiableMap(this.arrays);
	}

	/** Restores a stored signal (bulk load): no ordering checks. */
	public void restore(String path, Signal signal) {
		this.signals.put(path, signal);
	}

	/** Restores a stored array replacement time (bulk load). */
	public void restoreArray(String path, long timeMs) {
		this.arrays.put(path, timeMs);
	}

}
