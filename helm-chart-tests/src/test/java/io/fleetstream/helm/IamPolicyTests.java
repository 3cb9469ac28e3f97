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

	/**
	 * Each service's policy grants exactly what the service does with the chart's names,
	 * worked out from what the chart renders and the service's own application.yaml: read
	 * the topics of its routes, its group only for its group routes (a broadcast route
	 * has none), write its output topics and the dead-letter topics of what it reads,
	 * connect to the cache as its own ElastiCache user, and (alert-service) publish to
	 * the SNS topics it is configured with.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("services")
	void grantsExactlyWhatTheServiceDoesWithTheChartsNames(String service) throws IOException {
		Path scenario = HelmChart.directory().resolve("ci/full-values.yaml");
		Manifests manifests = Scenarios.rendered(scenario);
		Map<String, Object> values = Scenarios.values(scenario);
		Map<String, Object> effective = ServiceConfiguration.effective(service, manifests.application(service));
		String suffix = (String) ServiceConfiguration.at(values, "global.kafka.deadLetterSuffix");

		List<String> read = new ArrayList<>();
		boolean groupRoute = false;
		for (Object route : Manifests.map(ServiceConfiguration.at(effective, "fleet.routes")).values()) {
			Map<String, Object> config = Manifests.map(route);
			read.addAll(List.of(((String) config.get("topics")).split(",")));
			groupRoute |= !"broadcast".equals(config.get("mode"));
		}
		List<String> written = switch (service) {
			case "ingest" -> List.of();
			case "enrichment" ->
				List.of((String) ServiceConfiguration.at(effective, "fleet.enrichment.telemetry.enriched-topic"),
						(String) ServiceConfiguration.at(effective, "fleet.enrichment.schema.topic"));
			case "alert" -> List.of((String) ServiceConfiguration.at(effective, "fleet.alert.episodes.outlier-topic"));
			default -> throw new IllegalArgumentException(service);
		};
		List<String> deadLetters = read.stream().map((topic) -> topic + suffix).toList();
		List<String> produced = new ArrayList<>(written);
		produced.addAll(deadLetters);
		List<String> described = new ArrayList<>(read);
		described.addAll(produced);
		String group = Manifests.env(manifests.container(service), "SPRING_KAFKA_CONSUMER_GROUP_ID").orElseThrow();

		Map<String, List<String>> grants = grants(service + "-service.json");
		assertThat(grants.get("kafka-cluster:Connect")).containsExactly(KAFKA + "cluster/fleet/CLUSTER-UUID");
		assertThat(grants.get("kafka-cluster:ReadData")).containsExactlyInAnyOrderElementsOf(topics(read));
		assertThat(grants.get("kafka-cluster:DescribeTopic")).containsExactlyInAnyOrderElementsOf(topics(described));
		assertThat(grants.get("kafka-cluster:WriteData")).containsExactlyInAnyOrderElementsOf(topics(produced));
		assertThat(grants.get("kafka-cluster:DescribeTopicDynamicConfiguration"))
			.as("the start-up check reads the dead-letter topics' max.message.bytes")
			.containsExactlyInAnyOrderElementsOf(topics(deadLetters));
		assertThat(groupRoute).isTrue();
		assertThat(grants.get("kafka-cluster:DescribeGroup"))
			.containsExactly(KAFKA + "group/fleet/CLUSTER-UUID/" + group);
		assertThat(grants.get("kafka-cluster:AlterGroup")).containsExactly(KAFKA + "group/fleet/CLUSTER-UUID/" + group);
		assertThat(grants.get("elasticache:Connect")).containsExactlyInAnyOrder(
				"arn:aws:elasticache:eu-west-1:111122223333:replicationgroup:"
						+ ServiceConfiguration.at(values, "global.redis.iam.cacheName"),
				"arn:aws:elasticache:eu-west-1:111122223333:user:"
						+ Manifests.env(manifests.container(service), "FLEET_REDIS_IAM_USER_ID").orElseThrow());
		List<String> expectedActions = new ArrayList<>(
				List.of("kafka-cluster:Connect", "kafka-cluster:ReadData", "kafka-cluster:DescribeTopic",
						"kafka-cluster:WriteData", "kafka-cluster:DescribeTopicDynamicConfiguration",
						"kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup", "elasticache:Connect"));
		if (service.equals("alert")) {
			expectedActions.add("sns:Publish");
			assertThat(grants.get("sns:Publish")).containsExactlyInAnyOrderElementsOf(snsTopics(manifests));
		}
		assertThat(grants).as("topics are created ahead, not by the service; nothing else is granted")
			.containsOnlyKeys(expectedActions);
	}

	static List<String> services() {
		return Manifests.SERVICES;
	}

	/**
	 * Every SNS topic the rendered alert-service can publish to: its default topic and
	 * the targets of the rules in its rules file and its application config.
	 */
	private static List<String> snsTopics(Manifests manifests) {
		Map<String, Object> application = manifests.application("alert");
		List<String> topics = new ArrayList<>();
		topics.add((String) ServiceConfiguration.at(application, "fleet.alert.sns.topic-arn"));
		List<Map<String, Object>> ruleSets = new ArrayList<>();
		ruleSets.add(Manifests.map(ServiceConfiguration.at(application, "fleet.alert.rules")));
		ruleSets.add(Manifests.map(ServiceConfiguration
			.at(ServiceConfiguration.loadString(manifests.configMap("alert").getData().get("rules.yaml")), "rules")));
		for (Map<String, Object> rules : ruleSets) {
			for (Object rule : rules.values()) {
				Object targets = Manifests.map(rule).get("targets");
				if (targets != null) {
					Manifests.list(targets).forEach((target) -> topics.add((String) target));
				}
			}
		}
		assertThat(topics).hasSizeGreaterThan(1);
		return topics.stream().distinct().toList();
	}

	private static List<String> topics(List<String> names) {
		return names.stream().distinct().map((name) -> KAFKA + "topic/fleet/CLUSTER-UUID/" + name).toList();
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
		assertThat(created).hasSize(13);
		assertThat(grants("topic-setup.json").get("kafka-cluster:CreateTopic"))
			.containsExactlyInAnyOrderElementsOf(created);
		assertThat(grants("topic-setup.json").get("kafka-cluster:AlterTopic"))
			.containsExactlyInAnyOrderElementsOf(created);
	}

	@Test
	void kedaLagReaderOnlyDescribesTheServicesGroupTopicsAndGroups() throws IOException {
		Manifests full = Scenarios.named("full-values.yaml");
		Map<String, List<String>> grants = grants("keda-lag-reader.json");
		assertThat(grants).containsOnlyKeys("kafka-cluster:Connect", "kafka-cluster:DescribeTopic",
				"kafka-cluster:DescribeGroup");
		// what the ScaledObjects read, and what they would read for the service without
		// one
		List<Object> triggerTopics = full.custom("ScaledObject")
			.stream()
			.flatMap((o) -> Manifests.list(Manifests.spec(o).get("triggers")).stream())
			.map(Manifests::map)
			.filter((trigger) -> trigger.get("type").equals("kafka"))
			.map((trigger) -> Manifests.map(trigger.get("metadata")).get("topic"))
			.toList();
		assertThat(triggerTopics).containsExactlyInAnyOrder("cars.gps.json", "cars.gps.json", "cars.status.json");
		assertThat(grants.get("kafka-cluster:DescribeTopic"))
			.containsExactlyInAnyOrderElementsOf(topics(List.of("cars.gps.json", "cars.status.json",
					(String) ServiceConfiguration.at(full.application("alert"), "fleet.routes.enriched.topics"))));
		assertThat(grants.get("kafka-cluster:DescribeGroup"))
			.containsExactlyInAnyOrderElementsOf(Manifests.SERVICES.stream()
				.map((service) -> KAFKA + "group/fleet/CLUSTER-UUID/"
						+ Manifests.env(full.container(service), "SPRING_KAFKA_CONSUMER_GROUP_ID").orElseThrow())
				.toList());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("services")
	void trustPolicyAdmitsTheChartsServiceAccountOfTheServiceOnly(String service) throws IOException {
		Manifests minimal = Scenarios.named("minimal-values.yaml");
		PodSpec pod = minimal.deployment(service).getSpec().getTemplate().getSpec();
		JsonNode irsa = JSON.readTree(HelmChart.directory().resolve("iam/" + service + "-service-trust.json").toFile())
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
