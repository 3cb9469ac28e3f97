package io.fleetstream.local.infra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fleetstream.local.LocalComponent;
import org.apache.kafka.common.utils.Exit;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real Kafka broker (KRaft, in this JVM: spring-kafka-test's embedded broker) on a
 * fixed port. Unlike the test suite's shared broker it keeps only the last half hour of
 * data, because a local stack may run all day.
 */
public final class LocalKafka implements LocalComponent {

	/** Partitions of auto-created topics: room for a few consumers per group. */
	static final int PARTITIONS = 4;

	private static final String CLIENT_LISTENER = "LOCAL";

	private final int port;

	private final List<Runnable> cleanups = new ArrayList<>();

	private EmbeddedKafkaKraftBroker broker;

	public LocalKafka(int port) {
		this.port = port;
	}

	@Override
	public String name() {
		return "Kafka broker";
	}

	public String bootstrapServers() {
		return "localhost:" + this.port;
	}

	@Override
	public String address() {
		return bootstrapServers() + "  (KRaft, in-process, " + PARTITIONS + " partitions per new topic)";
	}

	/**
	 * Starts the broker. Kafka's test kit registers JVM shutdown hooks that delete the
	 * broker's data directories; left alone they would run at Ctrl-C alongside the
	 * stack's own shutdown and pull the disk from under a broker that services are still
	 * committing to. They are collected here instead and run after the broker stopped.
	 */
	@Override
	public void start() {
		Exit.setShutdownHookAdder((name, hook) -> this.cleanups.add(hook));
		try {
			EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
			kafka.brokerProperties(brokerProperties());
			kafka.afterPropertiesSet();
			this.broker = kafka;
		}
		finally {
			Exit.resetShutdownHookAdder();
		}
	}

	/**
	 * The embedded broker binds its own listeners to random ports (the broker's
	 * {@code kafkaPorts} setting is not used in KRaft mode), so clients get a listener of
	 * their own, {@code LOCAL}, on the fixed port.
	 */
	private Map<String, String> brokerProperties() {
		Map<String, String> properties = new HashMap<>();
		properties.put("listeners", "EXTERNAL://localhost:0," + CLIENT_LISTENER + "://localhost:" + this.port
				+ ",CONTROLLER://localhost:0");
		properties.put("listener.security.protocol.map",
				"EXTERNAL:PLAINTEXT," + CLIENT_LISTENER + ":PLAINTEXT,CONTROLLER:PLAINTEXT");
		properties.put("auto.create.topics.enable", "true");
		properties.put("num.partitions", String.valueOf(PARTITIONS));
		properties.put("group.initial.rebalance.delay.ms", "0");
		properties.put("offsets.topic.num.partitions", "5");
		properties.put("log.retention.ms", String.valueOf(Duration.ofMinutes(30).toMillis()));
		properties.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
		properties.put("log.retention.check.interval.ms", "60000");
		return properties;
	}

	@Override
	public void stop() {
		if (this.broker != null) {
			this.broker.destroy();
			this.broker = null;
		}
		this.cleanups.forEach(Runnable::run);
		this.cleanups.clear();
	}

}
