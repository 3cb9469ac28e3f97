package io.fleetstream.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard's shape: the sections an operator looks for, every query through
 * the data source variable, and only metrics the services document. Whether a running
 * service really exposes each name is {@link DashboardMetricsIntegrationTests}.
 */
class DashboardTests {

	@Test
	void hasThroughputLagDeadLetterLatencyAndJvmSections() {
		List<String> rows = DashboardQueries.panels()
			.stream()
			.filter((panel) -> panel.get("type").asText().equals("row"))
			.map((panel) -> panel.get("title").asText())
			.toList();
		assertThat(rows).containsExactly("Throughput", "Consumer lag", "Dead letters and failures", "Latency",
				"Positions", "JVM");
	}

	@Test
	void everyPanelQueriesPrometheusThroughTheDataSourceVariable() {
		List<JsonNode> panels = DashboardQueries.panels()
			.stream()
			.filter((panel) -> !panel.get("type").asText().equals("row"))
			.toList();
		assertThat(panels).hasSizeGreaterThanOrEqualTo(15).allSatisfy((panel) -> {
			assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
			assertThat(panel.path("targets")).isNotEmpty();
			panel.path("targets")
				.forEach((target) -> assertThat(target.path("expr").asText()).as(panel.get("title").asText())
					.contains("application=~\"$application\""));
		});
		assertThat(DashboardQueries.dashboard().path("uid").asText()).isEqualTo("fleetstream-overview");
	}

	@Test
	void queriesOnlyMetricsTheReadmeDocuments() throws IOException {
		String readme = Files.readString(HelmChart.repository().resolve("README.md"));
		String metricsSection = readme.substring(readme.indexOf("## Operations: health and metrics"),
				readme.indexOf("## Benchmark"));
		assertThat(DashboardQueries.metricNames()).isNotEmpty().allSatisfy((name) -> {
			if (!name.startsWith("jvm_")) {
				String documented = name.replaceAll("_(bucket|sum|count)$", "");
				assertThat(metricsSection).as(name).contains("`" + documented);
			}
		});
	}

	@Test
	void metricNamesAreTheSeriesNotFunctionsLabelsOrVariables() {
		assertThat(DashboardQueries.metricNames("histogram_quantile(0.99, sum by (le, from) "
				+ "(rate(fleet_record_latency_seconds_bucket{application=~\"$application\", from=\"event\"}[$__rate_interval])))"))
			.containsExactly("fleet_record_latency_seconds_bucket");
		assertThat(DashboardQueries
			.metricNames("max(time() - (fleet_partition_failing_since_seconds{a=\"b\"} > 0)) " + "or vector(0)"))
			.containsExactly("fleet_partition_failing_since_seconds");
		assertThat(DashboardQueries
			.metricNames("label_values(fleet_records_consumed_total{namespace=~\"$namespace\"}, " + "application)"))
			.containsExactly("fleet_records_consumed_total");
		assertThat(DashboardQueries.metricNames("sum(rate(a_total[5m])) / sum(rate(b_total[5m])) * 1e3"))
			.containsExactly("a_total", "b_total");
	}

}
