package io.fleetstream.testsupport;

import io.fleetstream.devinfra.KraftBroker;
import io.fleetstream.devinfra.KraftBrokerSettings;

/**
 * One real, in-process KRaft Kafka broker per test JVM
 * ({@link KraftBrokerSettings#defaults()}: any free port, 4 partitions per new topic,
 * nothing deleted), started on first use and stopped when the JVM exits, so that test
 * classes pay the broker's start-up once.
 */
public final class SharedKafkaBroker {

	private static KraftBroker broker;

	private SharedKafkaBroker() {
	}

	public static synchronized String bootstrapServers() {
		return broker().bootstrapServers();
	}

	public static synchronized KraftBroker broker() {
		if (broker == null) {
			broker = KraftBroker.start(KraftBrokerSettings.defaults());
			Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-shutdown"));
		}
		return broker;
	}

}
