package io.fleetstream.helm;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * values.schema.json rejects what would otherwise be ignored or fail later (an unknown
 * key, a wrong type, an unknown mode, a secret typed into the values), and the templates
 * refuse settings the services cannot run with, each with a message naming the value.
 */
class ChartValuesTests {

	private static final Path MINIMAL = HelmChart.directory().resolve("ci/minimal-values.yaml");

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			password-in-values.yaml  | at '/global/redis/password': additional properties 'password' not allowed
			misspelt-key.yaml        | at '/ingest/replicas': false schema
			wrong-type.yaml          | at '/ingest/replicaCount': got string, want integer
			unknown-auth-mode.yaml   | at '/global/kafka/authMode'
			access-key-as-role.yaml  | at '/ingest/serviceAccount/roleArn'
			misspelt-service-key.yaml | at '/enrichment/replica': false schema
			misspelt-rule-key.yaml   | at '/alert/rules/low-fuel': additional properties 'cooldwon' not allowed
			bad-rule-id.yaml         | invalid propertyName 'Low_Fuel'
			bad-rule-duration.yaml   | at '/alert/rules/low-fuel/for'
			bad-sns-arn.yaml         | at '/alert/sns/topicArn'
			""")
	void schemaRejectsTheValuesFileNamingTheKey(String file, String error) {
		Path bad = Path.of("src/test/resources/bad-values", file).toAbsolutePath();
		assertThatNoException().as("the scenario itself is valid").isThrownBy(() -> HelmChart.template(MINIMAL));
		assertThatException().isThrownBy(() -> HelmChart.template(MINIMAL, bad))
			.withMessageContaining("values don't meet the specifications of the schema")
			.withMessageContaining(error);
	}

	@Test
	void gracePeriodShorterThanTheShutdownIsRefused() {
		assertThatException()
			.isThrownBy(() -> HelmChart.template(Map.of("ingest.terminationGracePeriodSeconds", 40), MINIMAL))
			.withMessageContaining("ingest.terminationGracePeriodSeconds (40) must cover")
			.withMessageContaining("(55)");
	}

	@Test
	void redisIamWithoutTlsIsRefused() {
		assertThatException().isThrownBy(() -> HelmChart.template(Map.of("global.redis.tls.enabled", false), MINIMAL))
			.withMessageContaining("global.redis.authMode iam needs global.redis.tls.enabled");
	}

	@Test
	void missingConnectionSettingsAreNamed() {
		// the API's authentication is given, so that the connection settings are what is
		// missing
		assertThatException().isThrownBy(() -> HelmChart.template(Map.of("global.apiAuth.open", true)))
			.withMessageContaining("global.kafka.bootstrapServers is required");
		assertThatException()
			.isThrownBy(() -> HelmChart
				.template(Map.of("global.apiAuth.open", true, "global.kafka.bootstrapServers", "b-1:9098")))
			.withMessageContaining("global.redis.cluster.nodes is required");
	}

	@Test
	void redisPasswordModeNeedsAnExistingSecret() {
		assertThatException().isThrownBy(() -> HelmChart.template(Map.of("global.redis.authMode", "password"), MINIMAL))
			.withMessageContaining("global.redis.password.existingSecret is required");
	}

}
