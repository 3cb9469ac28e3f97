package io.fleetstream.common.kafka.auth;

import java.nio.file.Path;
import java.util.Map;

import io.fleetstream.common.redis.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.kafka.autoconfigure.SslBundleSslEngineFactory;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.kafka.core.ConsumerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code kafka-tls} profile is accepted by the real Kafka clients: with the JVM's
 * trust store (MSK), with a private CA, and with a client certificate (mutual TLS);
 * unusable certificate or key files stop the start-up.
 */
class KafkaTlsProfileTests {

	@TempDir
	static Path tempDir;

	private static TestCertificates authority;

	private static TestCertificates.Issued client;

	@BeforeAll
	static void createCertificates() {
		authority = TestCertificates.createAuthority(tempDir);
		client = authority.issue("ingest-client", "dns:ingest-service");
	}

	@Test
	void profileConfiguresSslWithHostNameVerificationThroughTheBundle() {
		KafkaClients.withProfile("kafka-tls").run((context) -> {
			Map<String, Object> configuration = context.getBean(ConsumerFactory.class).getConfigurationProperties();
			assertThat(configuration).containsEntry("security.protocol", "SSL")
				.containsEntry("ssl.endpoint.identification.algorithm", "https")
				.containsEntry("ssl.engine.factory.class", SslBundleSslEngineFactory.class);
		});
	}

	@Test
	void realClientsAcceptTheProfileWithTheJvmTrustStore() {
		KafkaClients.withProfile("kafka-tls").run((context) -> {
			assertThat(context.getBean(SslBundles.class).getBundle("fleet-kafka").getStores().getTrustStore()).isNull();
			KafkaClients.constructAll(context);
		});
	}

	@Test
	void realClientsAcceptAPrivateCaAndAClientCertificate() {
		KafkaClients.withProfile("kafka-tls")
			.withPropertyValues("FLEET_KAFKA_CA_CERT=file:" + authority.caCertificate(),
					"FLEET_KAFKA_CLIENT_CERT=file:" + client.certificate(),
					"FLEET_KAFKA_CLIENT_KEY=file:" + client.privateKey())
			.run((context) -> {
				SslBundles bundles = context.getBean(SslBundles.class);
				assertThat(bundles.getBundle("fleet-kafka").getStores().getTrustStore().size()).isOne();
				assertThat(bundles.getBundle("fleet-kafka").getStores().getKeyStore().size()).isOne();
				KafkaClients.constructAll(context);
			});
	}

	@Test
	void missingCaFileStopsTheStartUpNamingTheFile() {
		KafkaClients.withProfile("kafka-tls")
			.withPropertyValues("FLEET_KAFKA_CA_CERT=file:" + tempDir.resolve("no-such-ca.pem"))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("no-such-ca.pem"));
	}

	@Test
	void unreadableClientKeyStopsTheStartUp() {
		KafkaClients.withProfile("kafka-tls")
			.withPropertyValues("FLEET_KAFKA_CLIENT_CERT=file:" + client.certificate(),
					"FLEET_KAFKA_CLIENT_KEY=file:" + authority.caCertificate())
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("SSL bundle 'fleet-kafka' of the Kafka clients cannot be loaded"));
	}

}
