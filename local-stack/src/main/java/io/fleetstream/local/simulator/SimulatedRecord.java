package io.fleetstream.local.simulator;

/**
 * One record the simulator sends to the GPS topic.
 *
 * @param key the record key: the car id, as devices send it
 * @param value the record value: a fix in the devices' JSON, or a broken one
 */
record SimulatedRecord(String key, byte[] value) {
}
