package io.fleetstream.local.loadgen;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The load generator reaches a real cluster with the services' own auth profiles, and its
 * settings are accepted by the real Kafka client (a misspelt login module or callback
 * handler class fails the producer's construction).
 */
class LoadGeneratorOptionsTests {

	@Test
	void mskIamUsesTheServicesProfileAndTheRealClientAcceptsIt() {
		Map<String, Object> settings = KafkaClientSettings.producer("localhost:9098", "msk-iam", Map.of());
		assertThat(settings).containsEntry("bootstrap.servers", "localhost:9098")
			.containsEntry("security.protocol", "SASL_SSL")
			.containsEntry("sasl.mechanism", "AWS_MSK_IAM")
			.containsEntry("sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;")
			.containsEntry("sasl.client.callback.handler.class",
					"software.amazon.msk.auth.iam.IAMClientCallbackHandler")
			.containsEntry("ssl.endpoint.identification.algorithm", "https");
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings, new StringSerializer(),
				new ByteArraySerializer())) {
			assertThat(producer.metrics()).isNotEmpty();
		}
	}

	@Test
	void tlsVerifiesTheBrokersHostName() {
		assertThat(KafkaClientSettings.producer("b:9094", "kafka-tls", Map.of()))
			.containsEntry("security.protocol", "SSL")
			.containsEntry("ssl.endpoint.identification.algorithm", "https");
	}

	@Test
	void explicitProducerSettingsWinAndUnknownProfilesAreRefused() {
		assertThat(KafkaClientSettings.producer("b:9092", "none", Map.of("acks", "all"))).containsEntry("acks", "all")
			.doesNotContainKey("security.protocol");
		assertThatIllegalArgumentException().isThrownBy(() -> KafkaClientSettings.producer("b:9092", "iam", Map.of()))
			.withMessageContaining("msk-iam");
	}

	@Test
	void optionsSplitIntoTheLoadGeneratorsAndTheSimulatorsOwn() {
		LoadGenerator.Options options = LoadGenerator.Options.parse("--bootstrap-servers=b:9092", "--auth=msk-iam",
				"--duration=30m", "--kafka.acks=all", "--cars=20000");
		assertThat(options.bootstrapServers()).isEqualTo("b:9092");
		assertThat(options.auth()).isEqualTo("msk-iam");
		assertThat(options.duration()).isEqualTo(Duration.ofMinutes(30));
		assertThat(options.kafka()).containsExactly(Map.entry("acks", "all"));
		assertThat(options.simulatorArguments()).containsExactly("--cars=20000");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadGenerator.Options.parse("--cars=10"))
			.withMessageContaining("--bootstrap-servers");
	}

}
