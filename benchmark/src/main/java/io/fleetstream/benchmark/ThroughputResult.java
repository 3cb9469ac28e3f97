package io.fleetstream.benchmark;

import java.util.List;
import java.util.Map;

/**
 * What a throughput phase measured.
 *
 * @param fixes fixes applied
 * @param seconds how long applying them took
 * @param check the proof that they were applied
 * @param cores cores each process used meanwhile
 * @param notes further figures (steady-state rate, Redis command statistics)
 */
record ThroughputResult(long fixes, double seconds, PositionCheck check, Map<String, Double> cores,
		List<String> notes) {

	double fixesPerSecond() {
		return this.fixes / this.seconds;
	}

}
