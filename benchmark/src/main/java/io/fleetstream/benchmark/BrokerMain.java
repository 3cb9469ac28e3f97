package io.fleetstream.benchmark;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import io.fleetstream.testsupport.SharedKafkaBroker;

/**
 * The entry point of the broker JVM: the same real KRaft broker the tests use, in a
 * process of its own, until it is terminated.
 */
public final class BrokerMain {

	static final String READY = "BROKER READY ";

	private BrokerMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		EmbeddedKafkaKraftBroker broker = SharedKafkaBroker.start(Integer.parseInt(args[0]));
		Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "broker-shutdown"));
		System.out.println(READY + broker.getBrokersAsString());
		Thread.currentThread().join();
	}

}
