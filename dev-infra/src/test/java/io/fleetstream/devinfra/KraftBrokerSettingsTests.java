package io.fleetstream.devinfra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The broker configuration the settings produce: one node that is broker and controller
 * on the given ports, with what a developer's machine needs changed.
 */
class KraftBrokerSettingsTests {

	private static final Path DIRECTORY = Path.of("/tmp/kafka-data");

	@Test
	void oneNodeIsBrokerAndControllerOnTheGivenLocalhostPorts() {
		Map<String, String> properties = KraftBrokerSettings.defaults().serverProperties(7, 9092, 40001, DIRECTORY);
		assertThat(properties).containsEntry("process.roles", "broker,controller")
			.containsEntry("node.id", "7")
			.containsEntry("controller.quorum.voters", "7@localhost:40001")
			.containsEntry("listeners", "BROKER://localhost:9092,CONTROLLER://localhost:40001")
			.containsEntry("log.dirs", DIRECTORY.toString())
			.containsEntry("offsets.topic.replication.factor", "1");
	}

	@Test
	void defaultsKeepRecordsForTheBrokersLifetimeAndCreateTopicsOfFourPartitions() {
		Map<String, String> properties = KraftBrokerSettings.defaults().serverProperties(1, 1, 2, DIRECTORY);
		assertThat(properties).containsEntry("log.retention.ms", "-1")
			.containsEntry("auto.create.topics.enable", "true")
			.containsEntry("num.partitions", "4");
	}

	@Test
	void retentionAndPartitionsAreApplied() {
		Map<String, String> properties = KraftBrokerSettings.defaults()
			.withRetention(Duration.ofMinutes(30))
			.withPartitions(8)
			.serverProperties(1, 1, 2, DIRECTORY);
		assertThat(properties).containsEntry("log.retention.ms", "1800000").containsEntry("num.partitions", "8");
	}

	@Test
	void overridesWinOverWhatTheSettingsSet() {
		Map<String, String> properties = KraftBrokerSettings.defaults()
			.withPartitions(2)
			.with("num.partitions", "6")
			.with("log.segment.bytes", "16777216")
			.serverProperties(1, 1, 2, DIRECTORY);
		assertThat(properties).containsEntry("num.partitions", "6").containsEntry("log.segment.bytes", "16777216");
	}

	@Test
	void impossibleSettingsAreRejected() {
		KraftBrokerSettings defaults = KraftBrokerSettings.defaults();
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withPort(-1)).withMessageContaining("port");
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withPartitions(0))
			.withMessageContaining("partitions");
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withRetention(Duration.ZERO))
			.withMessageContaining("retention");
	}

}
