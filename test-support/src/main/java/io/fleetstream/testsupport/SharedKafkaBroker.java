package io.fleetstream.testsupport;

import java.util.HashMap;
import java.util.Map;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real, in-process KRaft Kafka broker per JVM, started on first use and stopped when
 * the JVM exits. Test classes and the local stack share it so that the broker's start-up
 * is paid once.
 */
public final class SharedKafkaBroker {

	/** Partitions of auto-created topics: enough for a few consumers in one group. */
	public static final int DEFAULT_PARTITIONS = 4;

	private static EmbeddedKafkaKraftBroker broker;

	private SharedKafkaBroker() {
	}

	public static synchronized String bootstrapServers() {
		return broker().getBrokersAsString();
	}

	public static synchronized EmbeddedKafkaKraftBroker broker() {
		if (broker == null) {
			broker = start(0);
			Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "kafka-broker-shutdown"));
		}
		return broker;
	}

	/**
	 * Starts a new broker that the caller owns.
	 * @param port an extra client listener's port ({@code localhost:port}), or 0 for
	 * none: the embedded KRaft broker ignores {@code kafkaPorts} and binds random ports,
	 * which {@link EmbeddedKafkaKraftBroker#getBrokersAsString()} reports
	 */
	public static EmbeddedKafkaKraftBroker start(int port) {
		EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, DEFAULT_PARTITIONS);
		Map<String, String> properties = new HashMap<>(Map.of("auto.create.topics.enable", "true", "num.partitions",
				String.valueOf(DEFAULT_PARTITIONS), "group.initial.rebalance.delay.ms", "0",
				"offsets.topic.num.partitions", "5", "log.retention.ms", "-1"));
		if (port > 0) {
			properties.put("listeners",
					"EXTERNAL://localhost:0,FIXED://localhost:" + port + ",CONTROLLER://localhost:0");
			properties.put("listener.security.protocol.map", "EXTERNAL:PLAINTEXT,FIXED:PLAINTEXT,CONTROLLER:PLAINTEXT");
		}
		kafka.brokerProperties(properties);
		kafka.afterPropertiesSet();
		return kafka;
	}

}
