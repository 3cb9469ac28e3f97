package io.fleetstream.benchmark;

import java.util.List;

import io.fleetstream.common.gps.GpsFix;

/**
 * Writes fixes to Redis and returns once they are applied: ingest-service's position
 * writer, seen from the phases that call it directly (the raw ceiling and the naive
 * consumer).
 */
interface FixWriter extends AutoCloseable {

	void write(List<GpsFix> fixes);

	@Override
	void close();

}
