package io.fleetstream.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Reads a set of versioned values over and over while a fault is injected, and records
 * every value that went back: what a client polling an API would see if a crash, a
 * rebalance or a restart let an older write overwrite a newer one. A "value" is a key
 * with a version that must never decrease, e.g. a car and the event time of its position
 * as the REST API serves it.
 * <p>
 * A {@link Sweep} reads all keys once (one search, or one call per key); sweeps run one
 * after another on the poller's own thread, with a pause between them, so each sweep's
 * reads happen after the previous sweep's. A key whose version is lower than the highest
 * seen in an earlier sweep is a regression, counted in every sweep that sees it behind; a
 * key that was there and is missing from a later sweep has disappeared, which counts as a
 * regression too. A sweep that throws (the API answered an error, or was unreachable) is
 * a failed sweep: it is counted and its first messages kept, and it compares nothing.
 * <p>
 * Use:
 *
 * <pre>{@code
 * MonotonicPoller poller = MonotonicPoller.start("api", Duration.ofMillis(20), api::positionsOfAllCars);
 * // ... inject the faults, finish the stream, await the final state
 * MonotonicPoller.Report report = poller.stop(); // one last sweep, then the report
 * report.assertNoRegressions(); // fails loudly, listing what went back
 * assertThat(report.failedSweeps()).isZero(); // if the fault must not reach the reader
 * assertThat(report.advancedAfter(lastKill)).containsAll(cars); // the poll saw the fault's aftermath
 * }</pre>
 *
 * The report says how much was read (sweeps, keys, advances), so a test can assert that
 * the poll was not vacuous: a poller that read nothing saw nothing go back.
 */
public final class MonotonicPoller implements AutoCloseable {

	private static final int KEPT_FAILURES = 20;

	private final String name;

	private final Duration pause;

	private final Sweep sweep;

	private final Thread thread;

	private final Map<String, Long> last = new HashMap<>();

	private final Map<String, Instant> lastAdvanced = new HashMap<>();

	private final List<Regression> regressions = new ArrayList<>();

	private final List<String> failures = new ArrayList<>();

	private final List<Instant> successfulSweepStarts = new ArrayList<>();

	private int failedSweeps;

	private long advances;

	private volatile boolean stopping;

	private final Object stopLock = new Object();

	private Report finalReport;

	private MonotonicPoller(String name, Duration pause, Sweep sweep) {
		this.name = name;
		this.pause = pause;
		this.sweep = sweep;
		this.thread = new Thread(this::run, "poller-" + name);
		this.thread.setDaemon(true);
	}

	/**
	 * Starts polling at once.
	 * @param name names the poller in its thread and its report
	 * @param pause the pause between the end of a sweep and the start of the next
	 * @param sweep reads every key's current version once
	 */
	public static MonotonicPoller start(String name, Duration pause, Sweep sweep) {
		MonotonicPoller poller = new MonotonicPoller(name, pause, sweep);
		poller.thread.start();
		return poller;
	}

	/**
	 * Stops polling once the sweep in progress has ended, runs one last sweep (so the
	 * final state is compared too), and returns the report. Later calls return the same
	 * report.
	 * @throws AssertionError if the poller's thread did not end within 60 s
	 */
	public Report stop() {
		// not under the monitor the sweeps record under: the thread must finish its sweep
		synchronized (this.stopLock) {
			if (this.finalReport == null) {
				// no interrupt: it could fail a sweep in flight that would have succeeded
				this.stopping = true;
				try {
					this.thread.join(TimeUnit.SECONDS.toMillis(60));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				if (this.thread.isAlive()) {
					throw new AssertionError("Poller '" + this.name + "' did not stop within 60 s");
				}
				sweepOnce();
				this.finalReport = report();
			}
			return this.finalReport;
		}
	}

	/** What was seen so far. */
	public synchronized Report report() {
		Map<String, Instant> advanced = Map.copyOf(this.lastAdvanced);
		return new Report(this.name, this.successfulSweepStarts.size(), this.failedSweeps, List.copyOf(this.failures),
				List.copyOf(this.regressions), this.last.size(), this.advances, List.copyOf(this.successfulSweepStarts),
				advanced);
	}

	/** Stops the poller if it still runs; the report is dropped. */
	@Override
	public void close() {
		stop();
	}

	private void run() {
		while (!this.stopping) {
			sweepOnce();
			try {
				Thread.sleep(this.pause.toMillis());
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private void sweepOnce() {
		Instant started = Instant.now();
		Map<String, Long> read;
		try {
			read = this.sweep.read();
		}
		catch (Exception ex) {
			recordFailure(ex);
			return;
		}
		compare(started, read);
	}

	private synchronized void recordFailure(Exception ex) {
		this.failedSweeps++;
		if (this.failures.size() < KEPT_FAILURES) {
			this.failures.add(Instant.now() + " " + ex);
		}
	}

	private synchronized void compare(Instant started, Map<String, Long> read) {
		int sweepNumber = this.successfulSweepStarts.size() + 1;
		for (Map.Entry<String, Long> previous : this.last.entrySet()) {
			if (!read.containsKey(previous.getKey())) {
				this.regressions
					.add(new Regression(previous.getKey(), previous.getValue(), null, sweepNumber, started));
			}
		}
		read.forEach((key, version) -> {
			Long previous = this.last.get(key);
			if (previous != null && version < previous) {
				this.regressions.add(new Regression(key, previous, version, sweepNumber, started));
			}
			else if (previous != null && version > previous) {
				this.advances++;
				this.lastAdvanced.put(key, started);
			}
		});
		// each key is compared with the highest version seen, so a key stuck behind
		// counts
		// in every sweep that sees it behind; one that disappeared keeps its version
		read.forEach((key, version) -> this.last.merge(key, version, Math::max));
		this.successfulSweepStarts.add(started);
	}

	/** Reads every key's current version once; throws if it could not. */
	@FunctionalInterface
	public interface Sweep {

		Map<String, Long> read() throws Exception;

	}

	/**
	 * A key seen going back.
	 *
	 * @param key the key
	 * @param before its highest version seen before
	 * @param after the lower version seen now, or {@code null} if it disappeared
	 * @param sweep the number of the successful sweep that saw it (from 1)
	 * @param at when that sweep started
	 */
	public record Regression(String key, long before, Long after, int sweep, Instant at) {

		@Override
		public String toString() {
			return this.key + ": " + this.before + " -> " + ((this.after != null) ? this.after : "absent") + " (sweep "
					+ this.sweep + " at " + this.at + ")";
		}

	}

	/**
	 * What a poller saw.
	 *
	 * @param name the poller's name
	 * @param sweeps successful sweeps
	 * @param failedSweeps sweeps that threw
	 * @param failures the first failures' times and messages
	 * @param regressions every sighting of a key behind its highest version or missing,
	 * in the order seen
	 * @param keys distinct keys seen
	 * @param advances how often a key was seen at a higher version than in the sweep
	 * before
	 * @param sweepStarts when each successful sweep started
	 * @param lastAdvanced each key that advanced, with the start of the last sweep that
	 * saw it advance
	 */
	public record Report(String name, int sweeps, int failedSweeps, List<String> failures, List<Regression> regressions,
			int keys, long advances, List<Instant> sweepStarts, Map<String, Instant> lastAdvanced) {

		/**
		 * @throws AssertionError listing the first regressions and their number if any
		 * key went back or disappeared, or if no sweep succeeded at all (nothing was
		 * compared)
		 */
		public void assertNoRegressions() {
			if (this.sweeps == 0) {
				throw new AssertionError("Poller '" + this.name + "' compared nothing: no sweep succeeded ("
						+ this.failedSweeps + " failed, first failures " + this.failures + ")");
			}
			if (!this.regressions.isEmpty()) {
				throw new AssertionError("Poller '" + this.name + "' saw " + this.regressions.size()
						+ " regressions (key: before -> after), first ones:\n  "
						+ this.regressions.stream()
							.limit(20)
							.map(Regression::toString)
							.collect(Collectors.joining("\n  ")));
			}
		}

		/** Successful sweeps that started after the given time. */
		public long sweepsAfter(Instant time) {
			return this.sweepStarts.stream().filter((start) -> start.isAfter(time)).count();
		}

		/** The keys seen advancing in a sweep that started after the given time. */
		public Set<String> advancedAfter(Instant time) {
			return this.lastAdvanced.entrySet()
				.stream()
				.filter((entry) -> entry.getValue().isAfter(time))
				.map(Map.Entry::getKey)
				.collect(Collectors.toSet());
		}

		/** One line for the test output. */
		public String summary() {
			return "poller '" + this.name + "': " + this.sweeps + " sweeps (" + this.failedSweeps + " failed), "
					+ this.keys + " keys, " + this.advances + " advances, " + this.regressions.size() + " regressions";
		}

	}

}
