package io.fleetstream.helm;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What is enrichment-service's and alert-service's own in the chart: the co-partitioned
 * telemetry topics, the CDC route without a group, alert-service's rules file and SNS
 * delivery, checked against the services' own configuration.
 */
class ChartAlertAndEnrichmentTests {

	private static final Path MINIMAL = HelmChart.directory().resolve("ci/minimal-values.yaml");

	@Test
	void enrichmentsCdcRouteIsABroadcastRouteSoOnlyTheTelemetryRouteUsesTheChartsGroup() {
		Manifests minimal = Scenarios.named("minimal-values.yaml");
		Map<String, Object> effective = ServiceConfiguration.effective("enrichment", minimal.application("enrichment"));
		assertThat(ServiceConfiguration.at(effective, "fleet.routes.cdc.mode")).isEqualTo("broadcast");
		assertThat(Manifests.map(ServiceConfiguration.at(effective, "fleet.routes.cdc.consumer")))
			.as("a broadcast route has no group (the service refuses one)")
			.containsKey("concurrency")
			.doesNotContainKey("group-id");
		assertThat(ServiceConfiguration.at(effective, "fleet.routes.telemetry.start-after")).isEqualTo("cdc");
		assertThat(Manifests.env(minimal.container("enrichment"), "SPRING_KAFKA_CONSUMER_GROUP_ID"))
			.contains("fleetstream-enrichment")
			.contains(String.valueOf(ServiceConfiguration.at(ServiceConfiguration.application("enrichment"),
					"spring.kafka.consumer.group-id")));
	}

	@Test
	void telemetryTopicsWithDifferentPartitionCountsAreRefused() {
		assertThatException().isThrownBy(() -> HelmChart.template(Map.of("topics.partitions.status", 6), MINIMAL))
			.withMessageContaining("topics.partitions.gps (12) and topics.partitions.status (6) must be equal");
	}

	@Test
	void alertRulesFromTheValuesAreTheServicesRulesFileInItsConfigMap() {
		Manifests full = Scenarios.named("full-values.yaml");
		ConfigMap configMap = full.configMap("alert");
		Map<String, Object> application = full.application("alert");
		Container container = full.container("alert");
		String mount = container.getVolumeMounts()
			.stream()
			.filter((m) -> m.getName().equals("config"))
			.findFirst()
			.orElseThrow()
			.getMountPath();

		assertThat(ServiceConfiguration.at(application, "fleet.alert.rules-file")).isEqualTo(mount + "/rules.yaml");
		Map<String, Object> file = ServiceConfiguration.loadString(configMap.getData().get("rules.yaml"));
		assertThat(file).containsOnlyKeys("rules");
		assertThat(ServiceConfiguration.at(file, "rules")).isEqualTo(ServiceConfiguration
			.at(Scenarios.values(HelmChart.directory().resolve("ci/full-values.yaml")), "alert.rules"));
		assertThat(ServiceConfiguration.at(file, "rules.low-fuel.for")).isEqualTo("5m");
		// a shipped rule's threshold changed through config: merged key by key over the
		// image's rule, which the service keeps
		assertThat(ServiceConfiguration.at(application, "fleet.alert.rules.overspeed.params.limitKmh")).isEqualTo(120);
		assertThat(ServiceConfiguration.application("alert").toString()).contains("overspeed={");
		assertThat(ServiceConfiguration.mainSources("alert")).contains("fleet.alert.rules-file");
	}

	@Test
	void withoutRulesInTheValuesThereIsNoRulesFileAndTheShippedRulesRun() {
		Manifests minimal = Scenarios.named("minimal-values.yaml");
		assertThat(minimal.configMap("alert").getData()).containsOnlyKeys("application.yaml");
		assertThat(minimal.application("alert").toString()).doesNotContain("rules-file");
	}

	@Test
	void snsDefaultTopicAndRegionReachTheService() {
		Map<String, Object> application = Scenarios.named("minimal-values.yaml").application("alert");
		assertThat(ServiceConfiguration.at(application, "fleet.alert.sns.topic-arn"))
			.isEqualTo("arn:aws:sns:eu-west-1:111122223333:fleet-alerts");
		assertThat(ServiceConfiguration.at(application, "spring.cloud.aws.region.static")).isEqualTo("eu-west-1");
	}

	@Test
	void withoutAnSnsTopicAlertServiceRunsLogOnlyAndTheNotesSaySo() {
		Map<String, Object> application = Scenarios.named("tls-password-values.yaml").application("alert");
		assertThat(ServiceConfiguration.at(application, "fleet.alert.sns.topic-arn")).isEqualTo("");
		assertThat(application.toString()).doesNotContain("region");
		assertThat(HelmChart.notes(Map.of(), HelmChart.directory().resolve("ci/tls-password-values.yaml"))).contains(
				"WARNING: no alert.sns.topicArn: alerts are logged and published to cars.alerts.json, NOT e-mailed");
	}

	@Test
	void notesListExactlyTheSnsTopicsTheAlertRoleMustPublishTo() {
		String notes = HelmChart.notes(Map.of(), HelmChart.directory().resolve("ci/full-values.yaml"));
		assertThat(notes).contains("its IRSA role needs sns:Publish on exactly:\n"
				+ "    arn:aws:sns:eu-west-1:111122223333:fleet-alerts\n"
				+ "    arn:aws:sns:eu-west-1:111122223333:fleet-ops");
	}

	@Test
	void snsTopicsOutsideTheClientsRegionAreRefused() {
		assertThatException()
			.isThrownBy(() -> HelmChart
				.template(Map.of("alert.sns.topicArn", "arn:aws:sns:us-east-1:111122223333:fleet-alerts"), MINIMAL))
			.withMessageContaining("SNS topic arn:aws:sns:us-east-1:111122223333:fleet-alerts is in region us-east-1, "
					+ "but alert-service publishes through one SNS client in region eu-west-1");
		assertThatNoExceptionWithRegion();
	}

	private static void assertThatNoExceptionWithRegion() {
		String manifests = HelmChart.template(Map.of("alert.sns.topicArn",
				"arn:aws:sns:us-east-1:111122223333:fleet-alerts", "alert.sns.region", "us-east-1"), MINIMAL);
		assertThat(manifests).contains("static: us-east-1");
	}

	@Test
	void ruleTargetsWithoutADefaultTopicAreRefused() {
		assertThatException()
			.isThrownBy(() -> HelmChart.template(Map.of("alert.sns.topicArn", "",
					"alert.rules.crash-detected.targets[0]", "arn:aws:sns:eu-west-1:111122223333:fleet-ops"), MINIMAL))
			.withMessageContaining("but alert.sns.topicArn is empty");
	}

	@Test
	void eachServiceConnectsToRedisAsItsOwnElastiCacheUser() {
		Manifests minimal = Scenarios.named("minimal-values.yaml");
		List<String> users = Manifests.SERVICES.stream()
			.map((service) -> Manifests.env(minimal.container(service), "FLEET_REDIS_IAM_USER_ID").orElseThrow())
			.toList();
		assertThat(users).containsExactly("ingest-service", "enrichment-service", "alert-service");
	}

}
