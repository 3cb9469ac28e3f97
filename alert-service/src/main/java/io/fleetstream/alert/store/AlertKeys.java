package io.fleetstream.alert.store;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.TopicPartition;

/**
 * alert-service's Redis keys (docs/redis-keys.md, "Alerts (alert-service)").
 */
public final class AlertKeys {

	/** Field prefix of a car's state in a partition hash. */
	public static final String CAR = "car:";

	/** Field prefix of an unfinished transition in a partition hash. */
	public static final String OUT = "out:";

	/**
	 * Field of a {@code fleet.schema-changes.json} partition's hash: the newest handled
	 * offset (that topic's records concern no car, so the partition keeps the offset).
	 */
	public static final String OFFSET = "offset";

	private AlertKeys() {
	}

	/**
	 * {@code fleet:alert:partition:{<topic>|<partition>}}: one hash per source partition
	 * with every car's state and the unfinished transitions, so a batch's state and its
	 * transitions are one atomic HSET and a partition loads with one HGETALL (the hash
	 * tag keeps it on one cluster slot).
	 */
	public static byte[] partition(TopicPartition partition) {
		return bytes("fleet:alert:partition:{" + partition.topic() + "|" + partition.partition() + "}");
	}

	/** {@code fleet:alert:episode:<episodeId>}: one episode's hash, for the API. */
	public static byte[] episode(String episodeId) {
		return bytes("fleet:alert:episode:" + episodeId);
	}

	/**
	 * {@code fleet:alert:episodes}: every stored episode id, scored by its latest
	 * transition's event time (the API lists newest first).
	 */
	public static final byte[] EPISODES = bytes("fleet:alert:episodes");

	/** {@code fleet:alert:silences}: hash of silence id to the silence as JSON. */
	public static final byte[] SILENCES = bytes("fleet:alert:silences");

	public static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	public static String string(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
