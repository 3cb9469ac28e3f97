package io.fleetstream.alert.rules;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * A car's flattened state as a rule condition sees it ({@code state} in CEL): the signals
 * by path, plus what the path helpers need besides the values (each path's event time and
 * the event time being evaluated), so that {@code state.age('engine.on')} needs no
 * per-evaluation function binding.
 */
public final class SignalView extends AbstractMap<String, Object> {

	private final Map<String, Object> signals;

	private final Map<String, Long> times;

	private final long eventTimeMs;

	/**
	 * @param signals the values by path (the enriched message's {@code state})
	 * @param times each path's event time, epoch ms ({@code stateTimes})
	 * @param eventTimeMs the event time of the update being evaluated
	 */
	public SignalView(Map<String, Object> signals, Map<String, Long> times, long eventTimeMs) {
		this.signals = signals;
		this.times = times;
		this.eventTimeMs = eventTimeMs;
	}

	public Map<String, Object> signals() {
		return this.signals;
	}

	public long eventTimeMs() {
		return this.eventTimeMs;
	}

	/** The path's event time, or {@code null} when the state has no time for it. */
	Long timeOf(String path) {
		return this.times.get(path);
	}

	@Override
	public Object get(Object key) {
		return this.signals.get(key);
	}

	@Override
	public boolean containsKey(Object key) {
		return this.signals.containsKey(key);
	}

	@Override
	public Set<Entry<String, Object>> entrySet() {
		return this.signals.entrySet();
	}

}
