package io.fleetstream.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.PodSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IAM policy documents in {@code helm/fleetstream/iam/} are valid JSON policies,
 * grant no wildcard, and grant ingest-service exactly what it does with the chart's
 * names: read its topic in its own group, write only its dead-letter topic, connect to
 * its cache as its own ElastiCache user.
 */
class IamPolicyTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String KAFKA = "arn:aws:kafka:eu-west-1:111122223333:";

	static List<Path> policies() throws IOException {
		try (Stream<Path> files = Files.list(HelmChart.directory().resolve("iam"))) {
			return files.filter((file) -> file.toString().endsWith(".json")).sorted().toList();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("policies")
	void isAnAllowOnlyPolicyWithoutWildcards(Path policy) throws IOException {
		JsonNode document = JSON.readTree(policy.toFile());
		assertThat(document.get("Version").asText()).isEqualTo("2012-10-17");
		assertThat(document.get("Statement")).isNotEmpty();
		for (JsonNode statement : document.get("Statement")) {
			String sid = statement.path("Sid").asText();
			assertThat(statement.get("Effect").asText()).as(sid).isEqualTo("Allow");
			assertThat(statement.has("NotAction") || statement.has("NotResource") || statement.has("NotPrincipal"))
				.as(sid + " uses no Not* element")
				.isFalse();
			assertThat(strings(statement.get("Action"))).as(sid).isNotEmpty().allSatisfy((action) -> {
				assertThat(action).doesNotContain("*").matches("[a-z-]+:[A-Za-z]+");
			});
			if (statement.has("Resource")) {
				assertThat(strings(statement.get("Resource"))).as(sid).allSatisfy((resource) -> {
					assertThat(resource).startsWith("arn:aws:").doesNotContain("*");
				});
			}
			if (statement.has("Principal")) {
				assertThat(statement.get("Principal").toString()).as(sid).doesNotContain("\"*\"");
			}
		}
	}

	@Test
	void ingestReadsItsTopicInItsGroupAndWritesOnlyItsDeadLetterTopic() throws IOException {
		Map<String, List<String>> grants = grants("ingest-service.json");
		Map<String, Object> values = Scenarios.values(HelmChart.directory().resolve("ci/minimal-values.yaml"));
		String topic = (String) ServiceConfiguration.at(values, "global.topics.gps");
		String dlt = topic + ServiceConfiguration.at(values, "global.kafka.deadLetterSuffix");
		String group = (String) ServiceConfiguration.at(values, "ingest.consumer.groupId");

		assertThat(grants.get("kafka-cluster:Connect")).containsExactly(KAFKA + "cluster/fleet/CLUSTER-UUID");
		assertThat(grants.get("kafka-cluster:ReadData")).containsExactly(KAFKA + "topic/fleet/CLUSTER-UUID/" + topic);
		assertThat(grants.get("kafka-cluster:DescribeTopic")).containsExactlyInAnyOrder(
				KAFKA + "topic/fleet/CLUSTER-UUID/" + topic, KAFKA + "topic/fleet/CLUSTER-UUID/" + dlt);
		assertThat(grants.get("kafka-cluster:WriteData")).containsExactly(KAFKA + "topic/fleet/CLUSTER-UUID/" + dlt);
		assertThat(grants.get("kafka-cluster:DescribeGroup"))
			.containsExactly(KAFKA + "group/fleet/CLUSTER-UUID/" + group);
		assertThat(grants.get("kafka-cluster:AlterGroup")).containsExactly(KAFKA + "group/fleet/CLUSTER-UUID/" + group);
		assertThat(grants).as("topics are created ahead, not by the service")
			.doesNotContainKeys("kafka-cluster:CreateTopic", "kafka-cluster:AlterTopic", "kafka-cluster:DeleteTopic");
		assertThat(grants.keySet())
			.allMatch((action) -> action.startsWith("kafka-cluster:") || action.equals("elasticache:Connect"));
	}

	@Test
	void ingestConnectsToItsCacheAsItsOwnElastiCacheUser() throws IOException {
		Map<String, Object> values = Scenarios.values(HelmChart.directory().resolve("ci/minimal-values.yaml"));
		assertThat(grants("ingest-service.json").get("elasticache:Connect")).containsExactlyInAnyOrder(
				"arn:aws:elasticache:eu-west-1:111122223333:replicationgroup:"
						+ ServiceConfiguration.at(values, "global.redis.iam.cacheName"),
				"arn:aws:elasticache:eu-west-1:111122223333:user:"
						+ ServiceConfiguration.at(values, "ingest.redisIamUserId"));
	}

	@Test
	void topicSetUpMayCreateExactlyTheTopicsItsJobCreates() throws IOException {
		String script = Scenarios.named("full-values.yaml")
			.all(io.fabric8.kubernetes.api.model.batch.v1.Job.class)
			.get(0)
			.getSpec()
			.getTemplate()
			.getSpec()
			.getContainers()
			.get(0)
			.getArgs()
			.get(0);
		List<String> created = script.lines()
			.filter((line) -> line.startsWith("ensure \""))
			.map((line) -> KAFKA + "topic/fleet/CLUSTER-UUID/" + line.split("\"")[1])
			.toList();
		assertThat(created).hasSize(2);
		assertThat(grants("topic-setup.json").get("kafka-cluster:CreateTopic"))
			.containsExactlyInAnyOrderElementsOf(created);
		assertThat(grants("topic-setup.json").get("kafka-cluster:AlterTopic"))
			.containsExactlyInAnyOrderElementsOf(created);
	}

	@Test
	void kedaLagReaderOnlyDescribesTheIngestTopicAndGroup() throws IOException {
		Map<String, List<String>> grants = grants("keda-lag-reader.json");
		assertThat(grants).containsOnlyKeys("kafka-cluster:Connect", "kafka-cluster:DescribeTopic",
				"kafka-cluster:DescribeGroup");
	}

	@Test
	void trustPolicyAdmitsTheChartsIngestServiceAccountOnly() throws IOException {
		Manifests minimal = Scenarios.named("minimal-values.yaml");
		PodSpec pod = minimal.ingestDeployment().getSpec().getTemplate().getSpec();
		JsonNode irsa = JSON.readTree(HelmChart.directory().resolve("iam/ingest-service-trust.json").toFile())
			.get("Statement")
			.get(0);
		assertThat(irsa.get("Action").asText()).isEqualTo("sts:AssumeRoleWithWebIdentity");
		JsonNode equals = irsa.get("Condition").get("StringEquals");
		assertThat(equals.get("oidc.eks.eu-west-1.amazonaws.com/id/OIDC-ID:sub").asText())
			.isEqualTo("system:serviceaccount:" + HelmChart.NAMESPACE + ":" + pod.getServiceAccountName());
		assertThat(equals.get("oidc.eks.eu-west-1.amazonaws.com/id/OIDC-ID:aud").asText())
			.isEqualTo("sts.amazonaws.com");
	}

	/** Action -> resources granted by the policy. */
	private static Map<String, List<String>> grants(String file) throws IOException {
		JsonNode document = JSON.readTree(HelmChart.directory().resolve("iam").resolve(file).toFile());
		Map<String, List<String>> grants = new java.util.TreeMap<>();
		for (JsonNode statement : document.get("Statement")) {
			for (String action : strings(statement.get("Action"))) {
				grants.computeIfAbsent(action, (key) -> new ArrayList<>()).addAll(strings(statement.get("Resource")));
			}
		}
		return grants;
	}

	private static List<String> strings(JsonNode node) {
		List<String> values = new ArrayList<>();
		if (node == null) {
			return values;
		}
		if (node.isArray()) {
			node.forEach((item) -> values.add(item.asText()));
		}
		else {
			values.add(node.asText());
		}
		return values;
	}

}
