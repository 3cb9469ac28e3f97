package io.fleetstream.benchmark;

/**
 * Sleeps between polls of a condition the harness cannot be notified of (consumer lag,
 * Redis contents).
 */
final class Pause {

	private Pause() {
	}

	static void millis(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
