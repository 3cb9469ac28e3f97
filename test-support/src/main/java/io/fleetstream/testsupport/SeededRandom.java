package io.fleetstream.testsupport;

import java.util.Random;

/**
 * The random numbers of a fault test (when to kill, how long an outage lasts), from a
 * seed printed in the test output, so that a failing run's choices can be made again: run
 * the test with {@code -Dfleet.faults.seed=<seed>} (Maven passes it on to the test JVM).
 * The seed repeats the choices, not the machine's timing around them.
 */
public final class SeededRandom {

	/** The system property that fixes the seed. */
	public static final String SEED_PROPERTY = "fleet.faults.seed";

	private SeededRandom() {
	}

	/**
	 * A random from {@value #SEED_PROPERTY} if set, else from a new seed; the seed is
	 * printed to standard output with the test's name.
	 */
	public static Random create(String testName) {
		long seed = Long.getLong(SEED_PROPERTY, System.nanoTime());
		System.out.println(testName + ": random seed " + seed + " (repeat with -D" + SEED_PROPERTY + "=" + seed + ")");
		return new Random(seed);
	}

}
