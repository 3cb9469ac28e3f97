package io.fleetstream.local.simulator.car;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One car's signal values and what its device last reported, so that it reports only what
 * changed: a discrete signal (doors, lights, engine) at once, a continuous one (speed,
 * temperatures) when it moved beyond its dead band, and then not more often than every
 * {@link #MIN_CONTINUOUS_INTERVAL_MS}. Every {@link #FULL_REPORT_INTERVAL_MS} the device
 * reports everything, as real devices refresh their state. Not thread-safe.
 */
public final class Signals {

	static final long MIN_CONTINUOUS_INTERVAL_MS = 5_000;

	static final long FULL_REPORT_INTERVAL_MS = 600_000;

	private static final Signal[] ALL = Signal.values();

	private final double[] current = new double[ALL.length];

	private final double[] reported = new double[ALL.length];

	private long lastReportMs = Long.MIN_VALUE;

	private long lastFullReportMs = Long.MIN_VALUE;

	public Signals() {
		Arrays.fill(this.current, Double.NaN);
		Arrays.fill(this.reported, Double.NaN);
	}

	public double get(Signal signal) {
		return this.current[signal.ordinal()];
	}

	public boolean is(Signal signal) {
		return this.current[signal.ordinal()] == 1;
	}

	public void set(Signal signal, double value) {
		this.current[signal.ordinal()] = value;
	}

	public void set(Signal signal, boolean value) {
		set(signal, value ? 1 : 0);
	}

	/** Moves a continuous value towards {@code target} by at most {@code step}. */
	public void approach(Signal signal, double target, double step) {
		double value = get(signal);
		set(signal, (value < target) ? Math.min(target, value + step) : Math.max(target, value - step));
	}

	/**
	 * The signals to report now, and marks them reported; empty when nothing is due.
	 * @param nowMs the device's clock
	 */
	public List<Signal> due(long nowMs) {
		boolean full = this.lastFullReportMs == Long.MIN_VALUE
				|| nowMs - this.lastFullReportMs >= FULL_REPORT_INTERVAL_MS;
		boolean continuousDue = this.lastReportMs == Long.MIN_VALUE
				|| nowMs - this.lastReportMs >= MIN_CONTINUOUS_INTERVAL_MS;
		List<Signal> changed = new ArrayList<>();
		boolean discreteChange = false;
		for (Signal signal : ALL) {
			int i = signal.ordinal();
			if (Double.isNaN(this.current[i])) {
				continue;
			}
			boolean moved = Double.isNaN(this.reported[i])
					|| Math.abs(this.current[i] - this.reported[i]) > signal.deadBand()
					|| (signal.discrete() && this.current[i] != this.reported[i]);
			if (full || moved) {
				changed.add(signal);
				discreteChange |= signal.discrete() && moved;
			}
		}
		if (changed.isEmpty() || !(full || discreteChange || continuousDue)) {
			return List.of();
		}
		for (Signal signal : changed) {
			this.reported[signal.ordinal()] = this.current[signal.ordinal()];
		}
		this.lastReportMs = nowMs;
		if (full) {
			this.lastFullReportMs = nowMs;
		}
		return changed;
	}

}
