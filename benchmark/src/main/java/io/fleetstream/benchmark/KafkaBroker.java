package io.fleetstream.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The real Kafka broker of the run, in its own JVM ({@link BrokerMain}) so that its CPU
 * and GC are its own, as on a real deployment.
 */
final class KafkaBroker implements AutoCloseable {

	private final ChildJvm jvm;

	private final String bootstrapServers;

	private KafkaBroker(ChildJvm jvm, String bootstrapServers) {
		this.jvm = jvm;
		this.bootstrapServers = bootstrapServers;
	}

	/**
	 * @param extraJvmArgs further JVM options (e.g. a JFR recording), separated by spaces
	 */
	static KafkaBroker start(Path logDir, String extraJvmArgs) {
		List<String> jvmArgs = new ArrayList<>(List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC"));
		if (!extraJvmArgs.isBlank()) {
			jvmArgs.addAll(List.of(extraJvmArgs.trim().split("\\s+")));
		}
		jvmArgs.addAll(List.of("-cp", System.getProperty("java.class.path")));
		ChildJvm jvm = ChildJvm.start("kafka-broker", jvmArgs, List.of(BrokerMain.class.getName(), "0"), logDir,
				BrokerMain.READY);
		String line = jvm.awaitLine(Duration.ofSeconds(60));
		return new KafkaBroker(jvm, line.substring(BrokerMain.READY.length()).trim());
	}

	String bootstrapServers() {
		return this.bootstrapServers;
	}

	long pid() {
		return this.jvm.pid();
	}

	@Override
	public void close() {
		this.jvm.close();
	}

}
