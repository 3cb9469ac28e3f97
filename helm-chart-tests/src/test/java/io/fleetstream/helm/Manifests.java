package io.fleetstream.helm;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * The resources of one rendered scenario, with the look-ups the tests share.
 */
record Manifests(String scenario, List<HasMetadata> resources) {

	<T extends HasMetadata> List<T> all(Class<T> type) {
		return this.resources.stream().filter(type::isInstance).map(type::cast).toList();
	}

	List<GenericKubernetesResource> custom(String kind) {
		return all(GenericKubernetesResource.class).stream().filter((r) -> r.getKind().equals(kind)).toList();
	}

	<T extends HasMetadata> T one(Class<T> type, String name) {
		return all(type).stream()
			.filter((r) -> r.getMetadata().getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError(this.scenario + ": no " + type.getSimpleName() + " " + name));
	}

	/** The chart's service keys, in the order of its values. */
	static final List<String> SERVICES = List.of("ingest", "enrichment", "alert");

	/** A service's resource name, e.g. {@code fleet-fleetstream-alert}. */
	static String name(String service) {
		return HelmChart.RELEASE + "-fleetstream-" + service;
	}

	Deployment deployment(String service) {
		return one(Deployment.class, name(service));
	}

	Container container(String service) {
		return deployment(service).getSpec().getTemplate().getSpec().getContainers().get(0);
	}

	Service service(String service) {
		return one(Service.class, name(service));
	}

	ConfigMap configMap(String service) {
		return one(ConfigMap.class, name(service));
	}

	/** The application.yaml the chart gives the service, parsed. */
	Map<String, Object> application(String service) {
		return ServiceConfiguration.loadString(configMap(service).getData().get("application.yaml"));
	}

	Deployment ingestDeployment() {
		return deployment("ingest");
	}

	Container ingestContainer() {
		return container("ingest");
	}

	Service ingestService() {
		return service("ingest");
	}

	ConfigMap ingestConfigMap() {
		return configMap("ingest");
	}

	ServiceAccount serviceAccountOf(PodSpec pod) {
		return one(ServiceAccount.class, pod.getServiceAccountName());
	}

	/** Every pod template: the services' Deployments and the topic set-up Job. */
	List<PodSpec> podSpecs() {
		List<PodSpec> deployments = all(Deployment.class).stream()
			.map((d) -> d.getSpec().getTemplate().getSpec())
			.toList();
		List<PodSpec> jobs = all(Job.class).stream().map((j) -> j.getSpec().getTemplate().getSpec()).toList();
		return java.util.stream.Stream.concat(deployments.stream(), jobs.stream()).toList();
	}

	static Optional<String> env(Container container, String name) {
		return container.getEnv().stream().filter((e) -> e.getName().equals(name)).map(EnvVar::getValue).findFirst();
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(Object value) {
		return (List<Object>) value;
	}

	static Map<String, Object> spec(GenericKubernetesResource resource) {
		return map(resource.getAdditionalProperties().get("spec"));
	}

}
