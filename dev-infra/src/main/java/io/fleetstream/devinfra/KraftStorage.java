package io.fleetstream.devinfra;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * Formats a KRaft broker's data directory before its first start: what
 * {@code kafka-storage.sh format} does, here in-process.
 */
final class KraftStorage {

	private KraftStorage() {
	}

	/**
	 * Formats an empty directory for a new single-node cluster with a static quorum
	 * ({@code controller.quorum.voters}), at the latest production metadata version.
	 */
	static void format(int nodeId, Path directory) {
		try {
			new Formatter().setNodeId(nodeId)
				.setClusterId(Uuid.randomUuid().toString())
				.setDirectories(List.of(directory.toString()))
				.setMetadataLogDirectory(directory.toString())
				.setControllerListenerName(KraftBrokerSettings.CONTROLLER_LISTENER)
				// it reports each directory on System.out, which is the benchmark's
				// report
				.setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
				.run();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not format Kafka storage in " + directory, ex);
		}
	}

}
