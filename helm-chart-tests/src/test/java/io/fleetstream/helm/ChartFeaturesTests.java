package io.fleetstream.helm;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

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
	void topicJobCreatesEachSourceTopicAndADeadLetterTopicWithAsManyPartitionsBeforeInstall() throws Exception {
		Manifests full = Scenarios.named("full-values.yaml");
		Job job = full.all(Job.class).get(0);
		PodSpec pod = job.getSpec().getTemplate().getSpec();
		String script = pod.getContainers().get(0).getArgs().get(0);
		assertThat(script).contains("ensure \"cars.gps.json\" 24 --config \"retention.ms=86400000\"")
			.contains("ensure \"cars.gps.json-dlt\" 24 --config \"retention.ms=1209600000\"")
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
	void strimziTopicsAreTheSourceTopicAndItsDeadLetterTopicKeptOnUninstall() {
		List<GenericKubernetesResource> topics = Scenarios.named("tls-password-values.yaml").custom("KafkaTopic");
		assertThat(topics).hasSize(2);
		assertThat(topics)
			.extracting((topic) -> Manifests.spec(topic).get("topicName") + "="
					+ Manifests.spec(topic).get("partitions") + "x" + Manifests.spec(topic).get("replicas"))
			.containsExactlyInAnyOrder("cars.gps.json=6x3", "cars.gps.json-dlt=6x3");
		assertThat(topics).allSatisfy((topic) -> {
			assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "fleet-kafka");
			assertThat(topic.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
		});
	}

	@Test
	void kedaScalesOnTheLagOfTheServicesOwnGroupAndTopicThroughMskIam() {
		Manifests full = Scenarios.named("full-values.yaml");
		Container container = full.ingestContainer();
		Map<String, Object> spec = Manifests.spec(full.custom("ScaledObject").get(0));
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
		GenericKubernetesResource auth = full.custom("TriggerAuthentication").get(0);
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
	void cpuAutoscalingWithoutKedaIsAnHpaOnTheDeployment() {
		Manifests manifests = Scenarios.named("tls-password-values.yaml");
		HorizontalPodAutoscaler hpa = manifests.all(HorizontalPodAutoscaler.class).get(0);
		assertThat(hpa.getSpec().getScaleTargetRef().getName())
			.isEqualTo(manifests.ingestDeployment().getMetadata().getName());
		assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(3);
		assertThat(hpa.getSpec().getMetrics().get(0).getResource().getName()).isEqualTo("cpu");
		assertThat(manifests.custom("ScaledObject")).isEmpty();
		assertThat(manifests.ingestDeployment().getSpec().getReplicas()).isNull();
	}

	@Test
	void ingressRoutesTheIngestApiPathsOfOneHostToTheIngestService() {
		Manifests full = Scenarios.named("full-values.yaml");
		Ingress ingress = full.all(Ingress.class).get(0);
		assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("alb");
		assertThat(ingress.getSpec().getTls().get(0).getHosts()).containsExactly("fleet.example.com");
		var rule = ingress.getSpec().getRules().get(0);
		assertThat(rule.getHost()).isEqualTo("fleet.example.com");
		assertThat(rule.getHttp().getPaths()).extracting(HTTPIngressPath::getPath)
			.containsExactly("/api/v1/vehicles", "/api/v1/fleet");
		assertThat(rule.getHttp().getPaths()).allSatisfy((path) -> {
			assertThat(path.getBackend().getService().getName())
				.isEqualTo(full.ingestService().getMetadata().getName());
			assertThat(path.getBackend().getService().getPort().getName()).isEqualTo("http");
		});
		assertThat(Scenarios.named("minimal-values.yaml").all(Ingress.class)).isEmpty();
	}

	@Test
	void networkPolicyOpensTheApiAndManagementPortsToTheirPeersAndEgressToTheBackends() {
		NetworkPolicy policy = Scenarios.named("full-values.yaml").all(NetworkPolicy.class).get(0);
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
			.contains("cars.gps.json (12 partitions) and cars.gps.json-dlt (12 partitions or more)");
		assertThat(HelmChart.notes(Map.of("ingest.replicaCount", 8), minimal))
			.contains("up to 8 replicas x 2 consumer threads exceed the")
			.contains("12 partitions of cars.gps.json");
	}

}
