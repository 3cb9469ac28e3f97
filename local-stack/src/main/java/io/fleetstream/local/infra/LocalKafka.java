package io.fleetstream.local.infra;

import java.util.Map;

import io.fleetstream.local.LocalComponent;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real Kafka broker (KRaft, in this JVM: spring-kafka-test's embedded broker) on a
 * fixed port. Unlike the test suite's shared broker it keeps only the last half hour of
 * data, because a local stack may run all day.
 */
public final class LocalKafka implements LocalComponent {

	/** Partitions of auto-created topics: room for a few consumers per group. */
	static final int PARTITIONS = 4;

	private final int port;

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

	@Override
	public void start() {
		EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
		kafka.brokerProperties(Map.of("auto.create.topics.enable", "true", "num.partitions", String.valueOf(PARTITIONS),
				"group.initial.rebalance.delay.ms", "0", "offsets.topic.num.partitions", "5", "log.retention.ms",
				String.valueOf(30 * 60 * 1000), "log.segment.bytes", String.valueOf(16 * 1024 * 1024),
				"log.retention.check.interval.ms", "60000"));
		kafka.kafkaPorts(this.port);
		kafka.afterPropertiesSet();
		this.broker = kafka;
	}

	@Override
	public void stop() {
		if (this.broker != null) {
			this.broker.destroy();
			this.broker = null;
		}
	}

}
