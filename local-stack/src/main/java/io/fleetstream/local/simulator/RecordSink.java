package io.fleetstream.local.simulator;

/** Where the simulator's records go: Kafka, or a list in a test. */
@FunctionalInterface
interface RecordSink {

	void send(String topic, String key, byte[] value);

}
