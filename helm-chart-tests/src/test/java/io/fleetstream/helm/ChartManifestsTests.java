package io.fleetstream.helm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@code ci/*-values.yaml} scenario renders must hold: restricted pods, IRSA
 * instead of keys, probes and metrics where the services really serve them, secrets only
 * by reference, a grace period that covers the services' shutdown.
 */
class ChartManifestsTests {

	/** Env names that hold a secret if they hold a value. */
	private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|CREDENTIAL|_KEY)$");

	static List<Named<Path>> scenarios() {
		return Scenarios.files().stream().map((file) -> Named.of(file.getFileName().toString(), file)).toList();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("scenarios")
	void lintsCleanWithTheScenarioValues(Path values) {
		var lint = HelmChart.lint(values);
		assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
		assertThat(lint.getMessages())
			.noneMatch((message) -> message.contains("[ERROR]") || message.contains("[WARNING]"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("scenarios")
	void everyPodRunsUnderTheRestrictedPodSecurityStandard(Path values) {
		Manifests manifests = Scenarios.rendered(values);
		assertThat(manifests.podSpecs()).isNotEmpty();
		for (PodSpec pod : manifests.podSpecs()) {
			assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
			assertThat(pod.getSecurityContext().getRunAsUser()).isNotNull().isNotZero();
			assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
			assertThat(pod.getAutomountServiceAccountToken()).isFalse();
			for (Container container : pod.getContainers()) {
				var security = container.getSecurityContext();
				assertThat(security.getAllowPrivilegeEscalation()).as(container.getName()).isFalse();
				assertThat(security.getReadOnlyRootFilesystem()).as(container.getName()).isTrue();
				assertThat(security.getRunAsNonRoot()).as(container.getName()).isTrue();
				assertThat(security.getCapabilities().getDrop()).as(container.getName()).containsExactly("ALL");
				assertThat(security.getCapabilities().getAdd()).as(container.getName()).isNullOrEmpty();
				assertThat(security.getPrivileged()).as(container.getName()).isNotEqualTo(Boolean.TRUE);
				VolumeMount tmp = container.getVolumeMounts()
					.stream()
					.filter((mount) -> mount.getMountPath().equals("/tmp"))
					.findFirst()
					.orElseThrow(() -> new AssertionError(container.getName() + " has no writable /tmp"));
				assertThat(volume(pod, tmp.getName()).getEmptyDir()).as("/tmp is an emptyDir").isNotNull();
			}
			assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
			assertThat(pod.getVolumes()).allSatisfy((volume) -> assertThat(volume.getHostPath()).isNull());
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("scenarios")
	void awsCredentialsComeFromTheServiceAccountRoleOnly(Path values) {
		Manifests manifests = Scenarios.rendered(values);
		Map<String, Object> merged = Scenarios.values(values);
		for (String service : Manifests.SERVICES) {
			Object roleArn = ServiceConfiguration.at(merged, service + ".serviceAccount.roleArn");
			PodSpec pod = manifests.deployment(service).getSpec().getTemplate().getSpec();
			if (usesAwsIam(merged)) {
				assertThat(roleArn).as("an IAM scenario sets " + service + "'s IRSA role").isNotEqualTo("");
				assertThat(manifests.serviceAccountOf(pod).getMetadata().getAnnotations())
					.containsEntry("eks.amazonaws.com/role-arn", (String) roleArn);
			}
		}
		for (PodSpec spec : manifests.podSpecs()) {
			for (Container container : spec.getContainers()) {
				assertThat(container.getEnv()).extracting(EnvVar::getName)
					.doesNotContain("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("scenarios")
	void probesUseTheActuatorProbeEndpointsOnTheManagementPort(Path values) {
		for (String service : Manifests.SERVICES) {
			probesUseTheActuatorProbeEndpoints(Scenarios.rendered(values).container(service));
		}
	}

	private static void probesUseTheActuatorProbeEndpoints(Container container) {
		Map<String, Object> defaults = ServiceConfiguration.fleetDefaults();
		assertThat(ServiceConfiguration.at(defaults, "management.endpoint.health.probes.enabled")).isEqualTo(true);
		int managementPort = (Integer) ServiceConfiguration.at(defaults, "management.server.port");

		assertThat(httpGet(container.getLivenessProbe().getHttpGet(), container))
			.isEqualTo(managementPort + " /actuator/health/liveness");
		assertThat(httpGet(container.getReadinessProbe().getHttpGet(), container))
			.isEqualTo(managementPort + " /actuator/health/readiness");
		assertThat(httpGet(container.getStartupProbe().getHttpGet(), container))
			.isEqualTo(managementPort + " /actuator/health/liveness");
		assertThat(Manifests.env(container, "MANAGEMENT_SERVER_PORT")).contains(String.valueOf(managementPort));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("scenarios")
	void noSecretValueIsRendered(Path values) {
		Manifests manifests = Scenarios.rendered(values);
		assertThat(manifests.all(Secret.class)).as("the chart creates no Secret").isEmpty();
		for (PodSpec pod : manifests.podSpecs()) {
			Set<String> secretMountPaths = pod.getContainers()
				.stream()
				.flatMap((c) -> c.getVolumeMounts().stream())
				.filter((mount) -> volume(pod, mount.getName()).getSecret() != null)
				.map(VolumeMount::getMountPath)
				.collect(Collectors.toSet());
			for (Container container : pod.getContainers()) {
				for (EnvVar env : container.getEnv()) {
					if (!SECRET_NAME.matcher(env.getName()).matches()) {
						continue;
					}
					if (env.getValueFrom() != null) {
						assertThat(env.getValueFrom().getSecretKeyRef()).as(env.getName()).isNotNull();
						assertThat(env.getValue()).as(env.getName()).isNull();
					}
					else {
						// a file reference to a mounted Secret (e.g. the TLS client key),
						// never the secret itself
						assertThat(env.getValue()).as(env.getName()).startsWith("file:");
						assertThat(secretMountPaths).as(env.getName() + " points into a Secret volume")
							.anyMatch((path) -> env.getValue().startsWith("file:" + path + "/"));
					}
				}
			}
		}
		manifests.all(io.fabric8.kubernetes.api.model.ConfigMap.class)
			.forEach((configMap) -> assertThat(configMap.getData().toString().toLowerCase())
				.as(configMap.getMetadata().getName())
				.doesNotContain("password:")
				.doesNotContain("secret-key")
				.doesNotContain("private key"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("scenarios")
	void gracePeriodCoversPreStopPauseShutdownPhaseAndInFlightBatch(Path values) {
		for (String service : Manifests.SERVICES) {
			gracePeriodCoversTheShutdown(Scenarios.rendered(values).deployment(service), service);
		}
	}

	private static void gracePeriodCoversTheShutdown(Deployment deployment, String service) {
		PodSpec pod = deployment.getSpec().getTemplate().getSpec();
		Container container = pod.getContainers().get(0);
		long preStop = container.getLifecycle().getPreStop().getSleep().getSeconds();
		assertThat(preStop).as("a preStop pause, so endpoints are removed before the API stops").isPositive();

		// the phase the service really uses: the rendered override, else the shared
		// default
		Map<String, Object> defaults = ServiceConfiguration.fleetDefaults();
		Duration phase = Manifests.env(container, "SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE")
			.map(org.springframework.boot.convert.DurationStyle::detectAndParse)
			.orElse(ServiceConfiguration.duration(defaults, "spring.lifecycle.timeout-per-shutdown-phase"));
		assertThat(phase).isGreaterThanOrEqualTo(
				ServiceConfiguration.duration(defaults, "spring.lifecycle.timeout-per-shutdown-phase"));
		assertThat(pod.getTerminationGracePeriodSeconds()).as(service)
			.isGreaterThanOrEqualTo(preStop + phase.toSeconds() + ServiceTimeouts.inFlightBatch(service).toSeconds());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("scenarios")
	void eachServiceReadsAndWritesTheChartsTopicsAndCreatesNone(Path values) {
		Manifests manifests = Scenarios.rendered(values);
		Map<String, Object> topics = Manifests.map(ServiceConfiguration.at(Scenarios.values(values), "global.topics"));
		Map<String, String> expected = Map.of("ingest", "fleet.routes.gps.topics=gps", "enrichment",
				"fleet.routes.cdc.topics=cdcCarinfo,cdcDeviceinfo fleet.routes.telemetry.topics=gps,status "
						+ "fleet.enrichment.telemetry.gps-topics=gps fleet.enrichment.telemetry.enriched-topic=enriched "
						+ "fleet.enrichment.schema.topic=schemaChanges",
				"alert", "fleet.routes.enriched.topics=enriched fleet.alert.episodes.outlier-topic=alerts");
		for (String service : Manifests.SERVICES) {
			Map<String, Object> application = manifests.application(service);
			assertThat(ServiceConfiguration.at(application, "fleet.kafka.create-topics")).as(service).isEqualTo(false);
			for (String setting : expected.get(service).split(" ")) {
				String property = setting.substring(0, setting.indexOf('='));
				List<String> names = Arrays.stream(setting.substring(setting.indexOf('=') + 1).split(","))
					.map(topics::get)
					.map(String::valueOf)
					.toList();
				assertThat(ServiceConfiguration.at(application, property)).as(service + " " + property)
					.isEqualTo(String.join(",", names));
				// the property is one the service really has: its own application.yaml or
				// its settings record names it
				String[] path = property.split("\\.");
				assertThat(ServiceConfiguration.application(service).toString()
						+ ServiceConfiguration.mainSources(service))
					.as(service + " knows " + property)
					.contains(path[path.length - 1].equals("topics") ? path[2] + "={" : camel(path[path.length - 1]));
			}
			Container container = manifests.container(service);
			String location = Manifests.env(container, "SPRING_CONFIG_ADDITIONAL_LOCATION").orElseThrow();
			String configMount = container.getVolumeMounts()
				.stream()
				.filter((mount) -> mount.getName().equals("config"))
				.findFirst()
				.orElseThrow()
				.getMountPath();
			assertThat(location).isEqualTo("optional:file:" + configMount + "/");
		}
	}

	/** {@code enriched-topic} as its record component {@code enrichedTopic}. */
	private static String camel(String kebab) {
		StringBuilder camel = new StringBuilder();
		for (String part : kebab.split("-")) {
			camel.append(camel.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
		}
		return camel.toString();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("scenarios")
	void activeProfilesAreTheServicesAuthProfiles(Path values) {
		for (String service : Manifests.SERVICES) {
			String active = Manifests.env(Scenarios.rendered(values).container(service), "SPRING_PROFILES_ACTIVE")
				.orElseThrow();
			assertThat(active).isNotBlank();
			for (String profile : active.split(",")) {
				assertThat(HelmChart.repository()
					.resolve("common/src/main/resources/config/application-" + profile + ".yaml"))
					.as("profile " + profile + " exists in common")
					.exists();
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("scenarios")
	void serviceExposesTheApiAndManagementPortsOfTheContainer(Path values) {
		Manifests manifests = Scenarios.rendered(values);
		int management = (Integer) ServiceConfiguration.at(ServiceConfiguration.fleetDefaults(),
				"management.server.port");
		for (String service : Manifests.SERVICES) {
			// the ports the service itself listens on (its application.yaml, common's
			// defaults), and what the chart sets
			int http = (Integer) ServiceConfiguration.at(ServiceConfiguration.application(service), "server.port");
			Container container = manifests.container(service);
			Map<String, Integer> containerPorts = container.getPorts()
				.stream()
				.collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort));
			assertThat(containerPorts).as(service).containsEntry("http", http).containsEntry("management", management);
			assertThat(Manifests.env(container, "SERVER_PORT")).contains(String.valueOf(http));
			List<String> servicePorts = new ArrayList<>();
			for (ServicePort port : manifests.service(service).getSpec().getPorts()) {
				servicePorts.add(port.getName() + " " + port.getPort() + "->" + port.getTargetPort().getStrVal());
			}
			assertThat(servicePorts).containsExactly("http " + http + "->http",
					"management " + management + "->management");
			assertThat(manifests.service(service).getSpec().getSelector())
				.isEqualTo(manifests.deployment(service).getSpec().getSelector().getMatchLabels());
		}
		assertThat(Manifests.SERVICES.stream().map((s) -> manifests.service(s).getSpec().getSelector()).distinct())
			.as("each Service selects its own pods")
			.hasSize(3);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("scenarios")
	void serviceMonitorScrapesPrometheusOnTheManagementPort(Path values) {
		Manifests manifests = Scenarios.rendered(values);
		List<String> enabled = Manifests.SERVICES.stream()
			.filter((service) -> (Boolean) ServiceConfiguration.at(Scenarios.values(values),
					service + ".metrics.serviceMonitor.enabled"))
			.toList();
		assertThat(manifests.custom("ServiceMonitor")).extracting((monitor) -> monitor.getMetadata().getName())
			.containsExactlyInAnyOrderElementsOf(enabled.stream().map(Manifests::name).toList());
		for (String service : enabled) {
			GenericKubernetesResource monitor = manifests.custom("ServiceMonitor")
				.stream()
				.filter((m) -> m.getMetadata().getName().equals(Manifests.name(service)))
				.findFirst()
				.orElseThrow();
			serviceMonitorScrapesTheManagementPort(manifests, monitor, manifests.service(service));
		}
	}

	private static void serviceMonitorScrapesTheManagementPort(Manifests manifests, GenericKubernetesResource monitor,
			io.fabric8.kubernetes.api.model.Service service) {
		Map<String, Object> spec = Manifests.spec(monitor);
		Map<String, Object> endpoint = Manifests.map(Manifests.list(spec.get("endpoints")).get(0));
		assertThat(endpoint.get("path")).isEqualTo("/actuator/prometheus");
		ServicePort port = service.getSpec()
			.getPorts()
			.stream()
			.filter((p) -> p.getName().equals(endpoint.get("port")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("the ServiceMonitor's port is not a Service port"));
		Map<String, Object> defaults = ServiceConfiguration.fleetDefaults();
		assertThat(port.getPort()).isEqualTo(ServiceConfiguration.at(defaults, "management.server.port"));
		assertThat(String.valueOf(ServiceConfiguration.at(defaults, "management.endpoints.web.exposure.include")))
			.contains("prometheus");
		assertThat(Manifests.map(spec.get("selector")).get("matchLabels")).isEqualTo(service.getMetadata()
			.getLabels()
			.entrySet()
			.stream()
			.filter((label) -> service.getSpec().getSelector().containsKey(label.getKey()))
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
	}

	static boolean usesAwsIam(Map<String, Object> values) {
		return "iam".equals(ServiceConfiguration.at(values, "global.kafka.authMode"))
				|| "iam".equals(ServiceConfiguration.at(values, "global.redis.authMode"));
	}

	private static Volume volume(PodSpec pod, String name) {
		return pod.getVolumes()
			.stream()
			.filter((volume) -> volume.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no volume " + name));
	}

	/** "<port number> <path>", the named port resolved against the container's ports. */
	private static String httpGet(HTTPGetAction get, Container container) {
		String port = get.getPort().getStrVal();
		int number = (port != null) ? container.getPorts()
			.stream()
			.filter((p) -> port.equals(p.getName()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no container port " + port))
			.getContainerPort() : get.getPort().getIntVal();
		return number + " " + get.getPath();
	}

	static boolean exists(Path file) {
		return Files.exists(file);
	}

}
