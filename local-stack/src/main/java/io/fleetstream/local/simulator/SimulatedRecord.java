package io.fleetstream.local.simulator;

/**
 * One record the simulator sends.
 *
 * @param key the record key: the car id (or the row key for CDC), as sources send it
 * @param value the record value, or a broken one
 */
record SimulatedRecord(String key, byte[] value) {
}
