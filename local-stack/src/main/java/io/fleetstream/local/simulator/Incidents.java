package io.fleetstream.local.simulator;

import java.util.EnumMap;
import java.util.Map;
import java.util.random.RandomGenerator;

import io.fleetstream.local.simulator.car.Incident;
import io.fleetstream.local.simulator.car.SimulatedCar;

/**
 * Starts the scripted incidents at the configured rate, one kind after the other, each on
 * a random car it suits (a crash needs a moving car), so that a demo shows every kind of
 * alert within minutes. Not thread-safe: one simulator thread owns it.
 */
final class Incidents {

	private static final Incident[] CYCLE = Incident.values();

	private static final int ATTEMPTS = 200;

	private final long everyMs;

	private final Map<Incident, Long> started = new EnumMap<>(Incident.class);

	private long nextMs;

	private int next;

	/**
	 * @param perMinute incidents per minute (0: none)
	 * @param startMs when the first one may start
	 */
	Incidents(double perMinute, long startMs) {
		this.everyMs = (perMinute > 0) ? Math.max(1, Math.round(60_000 / perMinute)) : Long.MAX_VALUE;
		this.nextMs = (perMinute > 0) ? startMs + this.everyMs : Long.MAX_VALUE;
	}

	/** Starts the incidents due by {@code nowMs}. */
	void startDue(long nowMs, Fleet fleet, RandomGenerator random) {
		while (nowMs >= this.nextMs) {
			Incident kind = CYCLE[this.next];
			for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
				SimulatedCar car = fleet.car(random.nextInt(fleet.size()));
				if (kind.eligible(car)) {
					car.begin(kind, nowMs);
					this.started.merge(kind, 1L, Long::sum);
					break;
				}
			}
			this.next = (this.next + 1) % CYCLE.length;
			this.nextMs += this.everyMs;
		}
	}

	/** How many of each kind started so far. */
	Map<Incident, Long> started() {
		return Map.copyOf(this.started);
	}

}
