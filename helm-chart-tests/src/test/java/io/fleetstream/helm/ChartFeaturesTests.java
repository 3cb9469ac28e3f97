package io.fleetstream.helm;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The optional parts, each in the scenario that turns it on: topic set-up (Job, Strimzi),
 * KEDA on consumer lag with MSK IAM, the CPU HPA, Ingress, NetworkPolicy, the Grafana
 * dashboard ConfigMap, and the auth wiring of each mode.
 */
class ChartFeaturesTests {

	@Test
	void topicJobCreatesEachTopicAndADeadLetterTopicOfEachReadOneBeforeInstall() throws Exception {
		Manifests full = Scenarios.named("full-values.yaml");
		Job job = full.all(Job.class).get(0);
		PodSpec pod = job.getSpec().getTemplate().getSpec();
		String script = pod.getContainers().get(0).getArgs().get(0);
		// each topic once (ingest and enrichment both read cars.gps.json), a dead-letter
		// topic for each one a service reads, none for those only written
		assertThat(script.lines().filter((line) -> line.startsWith("ensure \"")).map((line) -> line.split(" ")[1]))
			.containsExactlyInAnyOrder("\"cars.gps.json\"", "\"cars.gps.json-dlt\"", "\"cars.status.json\"",
					"\"cars.status.json-dlt\"", "\"cdc.carinfo\"", "\"cdc.carinfo-dlt\"", "\"cdc.deviceinfo\"",
					"\"cdc.deviceinfo-dlt\"", "\"cars.enriched.json\"", "\"cars.enriched.json-dlt\"",
					"\"fleet.schema-changes.json\"", "\"fleet.schema-changes.json-dlt\"", "\"cars.alerts.json\"");
		assertThat(script).contains("ensure \"cars.gps.json\" 24 --config \"retention.ms=86400000\"")
			.contains("ensure \"cars.gps.json-dlt\" 24 --config \"retention.ms=1209600000\"")
			.contains("ensure \"cars.status.json\" 24 ")
			.contains("ensure \"cars.enriched.json\" 24 ")
			// the CDC topics keep each row's last change (docs/snapshot.md)
			.contains("ensure \"cdc.carinfo\" 3 --config \"cleanup.policy=compact\" --config \"retention.ms=86400000\"")
			.contains("ensure \"cars.alerts.json\" 6 --config \"retention.ms=86400000\"")
			.contains("sasl.mechanism=AWS_MSK_IAM")
			.contains("--create --if-not-exists")
			.contains("--alter --topic \"$topic\" --partitions \"$partitions\"");
		assertThat(full.serviceAccountOf(pod).getMetadata().getAnnotations())
			.containsEntry("eks.amazonaws.com/role-arn", "arn:aws:iam::111122223333:role/fleetstream-topic-setup");
		assertThat(Manifests.env(pod.getContainers().get(0), "CLASSPATH")).contains("/opt/msk-iam/*");

		// a hook: not in the release manifest, run before the services' pods exist
		assertThat(HelmChart.render(HelmChart.directory().resolve("ci/full-values.yaml")).all(Job.class)).isEmpty();
		assertThat(Files.readString(HelmChart.directory().resolve("templates/topics/job.yaml")))
			.contains("helm.sh/hook: pre-install,pre-upgrade");
	}

	@Test
	void strimziTopicsAreEveryTopicAndTheDeadLetterTopicsKeptOnUninstall() {
		List<GenericKubernetesResource> topics = Scenarios.named("tls-password-values.yaml").custom("KafkaTopic");
		assertThat(topics)
			.extracting((topic) -> Manifests.spec(topic).get("topicName") + "="
					+ Manifests.spec(topic).get("partitions") + "x" + Manifests.spec(topic).get("replicas"))
			.containsExactlyInAnyOrder("cars.gps.json=6x3", "cars.gps.json-dlt=6x3", "cars.status.json=6x3",
					"cars.status.json-dlt=6x3", "cdc.carinfo=3x3", "cdc.carinfo-dlt=3x3", "cdc.deviceinfo=3x3",
					"cdc.deviceinfo-dlt=3x3", "cars.enriched.json=12x3", "cars.enriched.json-dlt=12x3",
					"fleet.schema-changes.json=1x3", "fleet.schema-changes.json-dlt=1x3", "cars.alerts.json=6x3");
		assertThat(topics.stream().map((topic) -> topic.getMetadata().getName()).distinct()).hasSize(topics.size());
		assertThat(topics).filteredOn((topic) -> Manifests.spec(topic).get("topicName").equals("cdc.deviceinfo"))
			.singleElement()
			.satisfies((topic) -> assertThat(Manifests.spec(topic).get("config"))
				.isEqualTo(Map.of("cleanup.policy", "compact")));
		assertThat(topics).allSatisfy((topic) -> {
			assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "fleet-kafka");
			assertThat(topic.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
		});
	}

	@Test
	void kedaScalesOnTheLagOfTheServicesOwnGroupAndTopicThroughMskIam() {
		Manifests full = Scenarios.named("full-values.yaml");
		Container container = full.ingestContainer();
		Map<String, Object> spec = Manifests.spec(scaledObject(full, "ingest"));
		Map<String, Object> kafka = Manifests.map(Manifests.list(spec.get("triggers")).get(0));
		Map<String, Object> metadata = Manifests.map(kafka.get("metadata"));
		Map<String, Object> application = ServiceConfiguration
			.loadString(full.ingestConfigMap().getData().get("application.yaml"));

		assertThat(kafka.get("type")).isEqualTo("kafka");
		assertThat(metadata)
			.containsEntry("consumerGroup", Manifests.env(container, "SPRING_KAFKA_CONSUMER_GROUP_ID").orElseThrow())
			.containsEntry("topic", ServiceConfiguration.at(application, "fleet.routes.gps.topics"))
			.containsEntry("bootstrapServers", Manifests.env(container, "SPRING_KAFKA_BOOTSTRAP_SERVERS").orElseThrow())
			.containsEntry("sasl", "oauthbearer")
			.containsEntry("saslTokenProvider", "aws_msk_iam")
			.containsEntry("tls", "enable")
			.containsEntry("awsRegion", Manifests.env(container, "AWS_REGION").orElseThrow());
		String authName = (String) Manifests.map(kafka.get("authenticationRef")).get("name");
		GenericKubernetesResource auth = full.custom("TriggerAuthentication")
			.stream()
			.filter((a) -> a.getMetadata().getName().equals(authName))
			.findFirst()
			.orElseThrow();
		assertThat(auth.getMetadata().getName()).isEqualTo(authName);
		assertThat(Manifests.spec(auth).get("podIdentity")).isEqualTo(
				Map.of("provider", "aws", "roleArn", "arn:aws:iam::111122223333:role/fleetstream-keda-lag-reader"));

		assertThat(Manifests.map(spec.get("scaleTargetRef")).get("name"))
			.isEqualTo(full.ingestDeployment().getMetadata().getName());
		assertThat(full.all(HorizontalPodAutoscaler.class)).as("KEDA owns the HPA").isEmpty();
		assertThat(full.ingestDeployment().getSpec().getReplicas()).as("the autoscaler sets replicas").isNull();
		// the scenario keeps every replica busy: 12 replicas x 2 threads on 24 partitions
		assertThat((Integer) spec.get("maxReplicaCount") * 2).isLessThanOrEqualTo(24);
	}

	@Test
	void kedaScalesEnrichmentOnItsTelemetryGroupsLagNotOnTheBroadcastCdcTopics() {
		Manifests full = Scenarios.named("full-values.yaml");
		Container container = full.container("enrichment");
		Map<String, Object> spec = Manifests.spec(scaledObject(full, "enrichment"));
		List<Map<String, Object>> kafka = Manifests.list(spec.get("triggers"))
			.stream()
			.map(Manifests::map)
			.filter((trigger) -> trigger.get("type").equals("kafka"))
			.toList();
		assertThat(kafka).extracting((trigger) -> Manifests.map(trigger.get("metadata")).get("topic"))
			.containsExactly("cars.gps.json", "cars.status.json");
		assertThat(kafka).allSatisfy((trigger) -> assertThat(Manifests.map(trigger.get("metadata")))
			.containsEntry("consumerGroup", Manifests.env(container, "SPRING_KAFKA_CONSUMER_GROUP_ID").orElseThrow())
			.containsEntry("consumerGroup", "fleetstream-enrichment"));
		assertThat(Manifests.map(spec.get("scaleTargetRef")).get("name"))
			.isEqualTo(full.deployment("enrichment").getMetadata().getName());
	}

	private static GenericKubernetesResource scaledObject(Manifests manifests, String service) {
		return manifests.custom("ScaledObject")
			.stream()
			.filter((o) -> o.getMetadata().getName().equals(Manifests.name(service)))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no ScaledObject of " + service));
	}

	@Test
	void cpuAutoscalingWithoutKedaIsAnHpaOnTheDeployment() {
		Manifests manifests = Scenarios.named("tls-password-values.yaml");
		HorizontalPodAutoscaler hpa = manifests.one(HorizontalPodAutoscaler.class, Manifests.name("ingest"));
		assertThat(hpa.getSpec().getScaleTargetRef().getName())
			.isEqualTo(manifests.ingestDeployment().getMetadata().getName());
		assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(3);
		assertThat(hpa.getSpec().getMetrics().get(0).getResource().getName()).isEqualTo("cpu");
		assertThat(manifests.custom("ScaledObject")).isEmpty();
		assertThat(manifests.ingestDeployment().getSpec().getReplicas()).isNull();
	}

	@Test
	void ingressRoutesEachServicesPathsOfOneHostToItsService() {
		Manifests full = Scenarios.named("full-values.yaml");
		Ingress ingress = full.all(Ingress.class).get(0);
		assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("alb");
		assertThat(ingress.getSpec().getTls().get(0).getHosts()).containsExactly("fleet.example.com");
		assertThat(ingress.getSpec().getRules()).hasSize(1);
		var rule = ingress.getSpec().getRules().get(0);
		assertThat(rule.getHost()).isEqualTo("fleet.example.com");
		assertThat(rule.getHttp().getPaths()).allSatisfy((path) -> {
			assertThat(path.getBackend().getService().getPort().getName()).isEqualTo("http");
			assertThat(path.getPathType()).isEqualTo("Prefix");
		});
		assertThat(rule.getHttp().getPaths())
			.extracting((path) -> path.getPath() + " -> " + path.getBackend().getService().getName())
			.containsExactlyInAnyOrder("/map -> fleet-fleetstream-ingest", "/api/v1/live -> fleet-fleetstream-ingest",
					"/api/v1/vehicles -> fleet-fleetstream-ingest", "/api/v1/fleet -> fleet-fleetstream-ingest",
					"/openapi/ingest -> fleet-fleetstream-ingest", "/api/v1/cars -> fleet-fleetstream-enrichment",
					"/api/v1/schemas -> fleet-fleetstream-enrichment",
					"/openapi/enrichment -> fleet-fleetstream-enrichment", "/api/v1/alerts -> fleet-fleetstream-alert",
					"/api/v1/rules -> fleet-fleetstream-alert", "/api/v1/silences -> fleet-fleetstream-alert",
					"/openapi/alert -> fleet-fleetstream-alert");
		assertThat(Scenarios.named("minimal-values.yaml").all(Ingress.class)).isEmpty();
	}

	@Test
	void noIngressPathIsAPrefixOfAnotherServicesPath() {
		// controllers that match paths in the order listed (the AWS Load Balancer
		// Controller) would otherwise send one service's requests to another
		List<HTTPIngressPath> paths = Scenarios.named("full-values.yaml")
			.all(Ingress.class)
			.get(0)
			.getSpec()
			.getRules()
			.get(0)
			.getHttp()
			.getPaths();
		for (HTTPIngressPath a : paths) {
			for (HTTPIngressPath b : paths) {
				if (a != b) {
					assertThat(b.getPath()).as(a.getPath() + " and " + b.getPath())
						.isNotEqualTo(a.getPath())
						.doesNotStartWith(a.getPath() + "/");
				}
			}
		}
	}

	@Test
	void everyServiceServesItsOpenApiDocumentOnAPathOfItsOwnThatTheIngressRoutesToIt() {
		Manifests full = Scenarios.named("full-values.yaml");
		var paths = full.all(Ingress.class).get(0).getSpec().getRules().get(0).getHttp().getPaths();
		List<Object> documents = Manifests.SERVICES.stream()
			.map((service) -> ServiceConfiguration.at(full.application(service), "springdoc.api-docs.path"))
			.toList();
		assertThat(documents).doesNotHaveDuplicates().doesNotContain("/v3/api-docs");
		for (String service : Manifests.SERVICES) {
			Object document = ServiceConfiguration.at(full.application(service), "springdoc.api-docs.path");
			assertThat(paths).filteredOn((path) -> path.getPath().equals(document))
				.singleElement()
				.satisfies((path) -> assertThat(path.getBackend().getService().getName())
					.isEqualTo(Manifests.name(service)));
		}
	}

	@Test
	void everyApiTheServicesHaveIsRoutedToThemByDefault() {
		// the controllers' base paths in the services' sources
		// (@RequestMapping("/api/v1/..."))
		Map<String, Object> defaults = ServiceConfiguration.load(HelmChart.directory().resolve("values.yaml"));
		Pattern mapping = Pattern
			.compile("@(?:Request|Get|Post|Put|Delete)Mapping\\((?:(?:path|value) = )?\"(/api/v1/[a-z]+)");
		for (String service : Manifests.SERVICES) {
			List<Object> routed = Manifests.list(ServiceConfiguration.at(defaults, "ingress.paths." + service));
			Matcher matcher = mapping.matcher(ServiceConfiguration.mainSources(service));
			int apis = 0;
			while (matcher.find()) {
				apis++;
				assertThat(routed).as(service + " " + matcher.group(1)).contains(matcher.group(1));
			}
			assertThat(apis).as(service + " has an API").isPositive();
		}
	}

	@Test
	void networkPolicyOpensTheApiAndManagementPortsToTheirPeersAndEgressToTheBackends() {
		NetworkPolicy policy = Scenarios.named("full-values.yaml").one(NetworkPolicy.class, Manifests.name("ingest"));
		var ingress = policy.getSpec().getIngress();
		assertThat(ingress).hasSize(2);
		assertThat(ingress.get(0).getPorts().get(0).getPort().getStrVal()).isEqualTo("http");
		assertThat(ingress.get(0).getFrom().get(0).getNamespaceSelector().getMatchLabels())
			.containsEntry("kubernetes.io/metadata.name", "ingress-nginx");
		assertThat(ingress.get(1).getPorts().get(0).getPort().getStrVal()).isEqualTo("management");
		assertThat(ingress.get(1).getFrom().get(0).getNamespaceSelector().getMatchLabels())
			.containsEntry("kubernetes.io/metadata.name", "monitoring");
		assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
		List<Integer> egressPorts = policy.getSpec()
			.getEgress()
			.stream()
			.flatMap((rule) -> rule.getPorts().stream())
			.map(NetworkPolicyPort::getPort)
			.map((port) -> port.getIntVal())
			.toList();
		assertThat(egressPorts).contains(53, 9098, 6379, 443);
	}

	@Test
	void grafanaDashboardIsAConfigMapForTheSidecarHoldingTheDashboardFile() throws Exception {
		ConfigMap dashboard = Scenarios.named("full-values.yaml").one(ConfigMap.class, "fleet-fleetstream-dashboard");
		assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
		assertThat(dashboard.getMetadata().getAnnotations()).containsEntry("grafana_folder", "FleetStream");
		assertThat(dashboard.getData().get("fleetstream.json"))
			.isEqualTo(Files.readString(HelmChart.directory().resolve("dashboards/fleetstream.json")).strip());
	}

	@Test
	void mskAndElastiCacheIamAreTheDefaultsWithTheServicesOwnRedisUser() {
		Container container = Scenarios.named("minimal-values.yaml").ingestContainer();
		assertThat(Manifests.env(container, "SPRING_PROFILES_ACTIVE")).contains("msk-iam,elasticache-iam");
		assertThat(Manifests.env(container, "FLEET_REDIS_IAM_USER_ID")).contains("ingest-service");
		assertThat(Manifests.env(container, "FLEET_REDIS_IAM_CACHE_NAME")).contains("fleet-positions");
		assertThat(Manifests.env(container, "SPRING_DATA_REDIS_CLUSTER_NODES"))
			.contains("clustercfg.fleet-positions.abc123.euw1.cache.amazonaws.com:6379");
		assertThat(Manifests.env(container, "AWS_REGION")).contains("eu-west-1");
		assertThat(container.getEnv()).extracting(EnvVar::getName)
			.doesNotContain("SPRING_DATA_REDIS_USERNAME", "SPRING_DATA_REDIS_PASSWORD");
	}

	@Test
	void tlsAndPasswordModesReferenceTheirSecretsOnly() {
		Manifests manifests = Scenarios.named("tls-password-values.yaml");
		PodSpec pod = manifests.ingestDeployment().getSpec().getTemplate().getSpec();
		Container container = pod.getContainers().get(0);
		assertThat(Manifests.env(container, "SPRING_PROFILES_ACTIVE")).contains("kafka-tls,redis-tls");
		EnvVar password = container.getEnv()
			.stream()
			.filter((env) -> env.getName().equals("SPRING_DATA_REDIS_PASSWORD"))
			.findFirst()
			.orElseThrow();
		assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("fleet-redis-ingest");
		assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
		assertThat(Manifests.env(container, "FLEET_KAFKA_CLIENT_KEY"))
			.contains("file:/etc/fleetstream/tls/kafka-client/user.key");
		Volume client = pod.getVolumes()
			.stream()
			.filter((v) -> v.getName().equals("kafka-client"))
			.findFirst()
			.orElseThrow();
		assertThat(client.getSecret().getSecretName()).isEqualTo("fleet-ingest-user");
		assertThat(client.getSecret().getDefaultMode()).as("0440: the private key is not world-readable")
			.isEqualTo(0440);
		assertThat(Manifests.env(container, "SPRING_DATA_REDIS_HOST")).contains("redis.fleet.svc");
		assertThat(Manifests.env(container, "FLEET_KAFKA_CA_CERT"))
			.contains("file:/etc/fleetstream/tls/kafka-ca/ca.crt");
	}

	@Test
	void notesWarnWhenReplicasTimesConsumerThreadsExceedThePartitions() {
		var minimal = HelmChart.directory().resolve("ci/minimal-values.yaml");
		assertThat(HelmChart.notes(Map.of(), minimal)).doesNotContain("sit idle")
			.contains("port-forward svc/fleet-fleetstream-ingest 8080:http")
			.contains("port-forward svc/fleet-fleetstream-enrichment 8080:http")
			.contains("port-forward svc/fleet-fleetstream-alert 8080:http")
			.contains("cars.gps.json (12 partitions) and cars.gps.json-dlt (12 partitions or more)")
			.contains("cdc.carinfo (3 partitions) and cdc.carinfo-dlt (3 partitions or more)")
			.contains("cars.alerts.json (6 partitions)\n")
			.doesNotContain("cars.alerts.json-dlt");
		assertThat(HelmChart.notes(Map.of("ingest.replicaCount", 8), minimal))
			.contains("up to 8 replicas x 2 consumer threads exceed the")
			.contains("12 partitions of cars.gps.json");
	}

}
