package io.fleetstream.benchmark;

import io.fleetstream.devinfra.KraftBroker;
import io.fleetstream.devinfra.KraftBrokerSettings;

/**
 * The entry point of the broker JVM: the same real KRaft broker the tests and the local
 * stack use (dev-infra's {@link KraftBroker}), in a process of its own, until it is
 * terminated.
 */
public final class BrokerMain {

	static final String READY = "BROKER READY ";

	private BrokerMain() {
	}

	/**
	 * @param args the client port, 0 for any free port
	 */
	public static void main(String[] args) throws InterruptedException {
		KraftBroker broker = KraftBroker.start(KraftBrokerSettings.defaults().withPort(Integer.parseInt(args[0])));
		Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "broker-shutdown"));
		System.out.println(READY + broker.bootstrapServers());
		Thread.currentThread().join();
	}

}
