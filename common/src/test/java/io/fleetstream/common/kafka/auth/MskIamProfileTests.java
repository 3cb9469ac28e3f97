package io.fleetstream.common.kafka.auth;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslClient;

import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;
import software.amazon.msk.auth.iam.IAMClientCallbackHandler;
import software.amazon.msk.auth.iam.IAMLoginModule;

import org.springframework.kafka.core.ConsumerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code msk-iam} profile is accepted by the real Kafka clients and aws-msk-iam-auth,
 * and a mistake in it is not.
 */
class MskIamProfileTests {

	@Test
	void profileConfiguresSaslSslWithTheAwsMskIamMechanism() {
		KafkaClients.withProfile("msk-iam").run((context) -> {
			Map<String, Object> configuration = context.getBean(ConsumerFactory.class).getConfigurationProperties();
			assertThat(configuration).containsEntry("security.protocol", "SASL_SSL")
				.containsEntry("sasl.mechanism", "AWS_MSK_IAM")
				.containsEntry("sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;")
				.containsEntry("sasl.client.callback.handler.class", IAMClientCallbackHandler.class.getName());
		});
	}

	@Test
	void realConsumerProducerAndAdminAcceptTheProfile() {
		KafkaClients.withProfile("msk-iam").run(KafkaClients::constructAll);
	}

	@Test
	void misspeltCallbackHandlerClassIsRejectedByTheClient() {
		KafkaClients.withProfile("msk-iam")
			.withPropertyValues(
					"spring.kafka.properties[sasl.client.callback.handler.class]=software.amazon.msk.auth.iam.IAMClientCallbackHandlr")
			.run((context) -> assertThatExceptionOfType(KafkaException.class)
				.isThrownBy(() -> KafkaClients.constructConsumer(context))
				.satisfies((ex) -> assertThat(ex).hasStackTraceContaining("IAMClientCallbackHandlr")));
	}

	@Test
	void misspeltLoginModuleIsRejectedByTheClient() {
		KafkaClients.withProfile("msk-iam")
			.withPropertyValues(
					"spring.kafka.properties[sasl.jaas.config]=software.amazon.msk.auth.iam.IAMLoginModul required;")
			.run((context) -> assertThatExceptionOfType(KafkaException.class)
				.isThrownBy(() -> KafkaClients.constructConsumer(context))
				.satisfies((ex) -> assertThat(ex).hasStackTraceContaining("IAMLoginModul")));
	}

	@Test
	void saslClientSignsAConnectRequestWithTheDefaultCredentialsChain() throws Exception {
		String host = "b-1.fleet.abc123.c2.kafka.eu-west-1.amazonaws.com";
		IAMClientCallbackHandler handler = new IAMClientCallbackHandler();
		handler.configure(Map.of(), "AWS_MSK_IAM", List
			.of(new AppConfigurationEntry(IAMLoginModule.class.getName(), LoginModuleControlFlag.REQUIRED, Map.of())));
		new IAMLoginModule();
		String previousKey = System.setProperty("aws.accessKeyId", "AKIAIOSFODNN7EXAMPLE");
		String previousSecret = System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
		try {
			SaslClient client = Sasl.createSaslClient(new String[] { "AWS_MSK_IAM" }, null, "kafka", host, Map.of(),
					handler);
			String payload = new String(client.evaluateChallenge(new byte[0]), StandardCharsets.UTF_8);
			assertThat(payload).contains("\"action\":\"kafka-cluster:Connect\"")
				.contains("\"host\":\"" + host + "\"")
				.contains("AKIAIOSFODNN7EXAMPLE/")
				.contains("/eu-west-1/kafka-cluster/aws4_request")
				.containsPattern("\"x-amz-signature\":\"[0-9a-f]{64}\"");
		}
		finally {
			restore("aws.accessKeyId", previousKey);
			restore("aws.secretAccessKey", previousSecret);
			handler.close();
		}
	}

	private static void restore(String name, String value) {
		if (value == null) {
			System.clearProperty(name);
		}
		else {
			System.setProperty(name, value);
		}
	}

}
