package io.fleetstream.devinfra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a {@link KraftBroker} is set up. The defaults suit a test JVM: any free port, 4
 * partitions per topic created on first use, and data kept for the broker's lifetime; a
 * long-running local stack sets a retention and a fixed port instead.
 *
 * @param port the client listener's port on {@code localhost}, or 0 for any free port
 * @param partitions partitions of a topic created on first use: room for a few consumers
 * in one group
 * @param retention how long records are kept, or {@code null} to keep them for the
 * broker's lifetime
 * @param overrides further broker properties ({@code server.properties} names); they win
 * over everything this record sets
 */
public record KraftBrokerSettings(int port, int partitions, Duration retention, Map<String, String> overrides) {

	/** The listener clients connect to. */
	static final String CLIENT_LISTENER = "BROKER";

	/** The listener the KRaft controller (in the same process) answers on. */
	static final String CONTROLLER_LISTENER = "CONTROLLER";

	public KraftBrokerSettings {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("port must be in [0, 65535], was " + port);
		}
		if (partitions < 1) {
			throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
		}
		if (retention != null && (retention.isNegative() || retention.isZero())) {
			throw new IllegalArgumentException("retention must be positive, or null for no limit, was " + retention);
		}
		overrides = Map.copyOf(overrides);
	}

	/** Any free port, 4 partitions per new topic, nothing deleted. */
	public static KraftBrokerSettings defaults() {
		return new KraftBrokerSettings(0, 4, null, Map.of());
	}

	public KraftBrokerSettings withPort(int port) {
		return new KraftBrokerSettings(port, this.partitions, this.retention, this.overrides);
	}

	public KraftBrokerSettings withPartitions(int partitions) {
		return new KraftBrokerSettings(this.port, partitions, this.retention, this.overrides);
	}

	public KraftBrokerSettings withRetention(Duration retention) {
		return new KraftBrokerSettings(this.port, this.partitions, retention, this.overrides);
	}

	/** These settings plus one broker property, e.g. {@code log.segment.bytes}. */
	public KraftBrokerSettings with(String property, String value) {
		Map<String, String> overrides = new HashMap<>(this.overrides);
		overrides.put(property, value);
		return new KraftBrokerSettings(this.port, this.partitions, this.retention, overrides);
	}

	/**
	 * The broker's configuration: one node that is broker and controller, plaintext
	 * listeners on {@code localhost}, and only what one broker on a developer's machine
	 * needs changed from Kafka's defaults.
	 */
	Map<String, String> serverProperties(int nodeId, int clientPort, int controllerPort, Path logDirectory) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("process.roles", "broker,controller");
		properties.put("node.id", String.valueOf(nodeId));
		properties.put("controller.quorum.voters", nodeId + "@localhost:" + controllerPort);
		properties.put("listeners", CLIENT_LISTENER + "://localhost:" + clientPort + "," + CONTROLLER_LISTENER
				+ "://localhost:" + controllerPort);
		properties.put("listener.security.protocol.map",
				CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
		properties.put("inter.broker.listener.name", CLIENT_LISTENER);
		properties.put("controller.listener.names", CONTROLLER_LISTENER);
		properties.put("log.dirs", logDirectory.toString());
		// one broker: every internal topic has one replica
		properties.put("offsets.topic.replication.factor", "1");
		properties.put("transaction.state.log.replication.factor", "1");
		properties.put("transaction.state.log.min.isr", "1");
		properties.put("share.coordinator.state.topic.replication.factor", "1");
		properties.put("share.coordinator.state.topic.min.isr", "1");
		// the first consumer group starts in well under a second instead of after 3 s
		// (the
		// join delay) and 50 offset partitions
		properties.put("group.initial.rebalance.delay.ms", "0");
		properties.put("offsets.topic.num.partitions", "5");
		properties.put("auto.create.topics.enable", "true");
		properties.put("num.partitions", String.valueOf(this.partitions));
		properties.put("log.retention.ms", (this.retention != null) ? String.valueOf(this.retention.toMillis()) : "-1");
		// the compaction buffer for __consumer_offsets takes 128 MiB of heap by default
		properties.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
		// a start-up that cannot complete fails instead of blocking forever
		properties.put("server.max.startup.time.ms", String.valueOf(Duration.ofMinutes(1).toMillis()));
		properties.putAll(this.overrides);
		return properties;
	}

}
