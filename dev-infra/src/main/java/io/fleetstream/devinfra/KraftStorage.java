package io.fleetstream.devinfra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * A KRaft broker's data directory: formatted before the first start (what
 * {@code kafka-storage.sh format} does, here in-process) and deleted after the broker
 * stopped.
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

	static void delete(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not delete Kafka storage in " + directory, ex);
		}
	}

}
