package io.fleetstream.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;

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
				"Positions", "Enrichment", "Alerts", "JVM");
	}

	@Test
	void everyPanelQueriesPrometheusThroughTheDataSourceVariable() {
		List<JsonNode> panels = DashboardQueries.panels()
			.stream()
			.filter((panel) -> !panel.get("type").asText().equals("row"))
			.toList();
		assertThat(panels).hasSizeGreaterThanOrEqualTo(30).allSatisfy((panel) -> {
			assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
			assertThat(panel.path("targets")).isNotEmpty();
			panel.path("targets")
				.forEach((target) -> assertThat(target.path("expr").asText()).as(panel.get("title").asText())
					.contains("application=~\"$application\""));
		});
		assertThat(DashboardQueries.dashboard().path("uid").asText()).isEqualTo("fleetstream-overview");
	}

	@Test
	void queriesOnlyMetricsTheDocsDocument() throws IOException {
		String readme = Files.readString(HelmChart.repository().resolve("README.md"));
		StringBuilder documented = new StringBuilder(
				readme.substring(readme.indexOf("## Operations: health and metrics"), readme.indexOf("## Benchmark")));
		// the services' own metric tables
		for (String page : List.of("pipeline.md", "enrichment.md", "snapshot.md", "alerts.md", "alert-delivery.md")) {
			documented.append(Files.readString(HelmChart.repository().resolve("docs").resolve(page)));
		}
		assertThat(DashboardQueries.metricNames()).isNotEmpty().allSatisfy((name) -> {
			if (!name.startsWith("jvm_")) {
				String metric = name.replaceAll("_(bucket|sum|count)$", "");
				assertThat(documented).as(name).contains("`" + metric);
			}
		});
	}

	/**
	 * The enrichment and alert rows query meters those services register: each name, as
	 * Prometheus shows it, is a meter name in the service's sources (a literal such as
	 * {@code "fleet.alerts.fired"}, with {@code _total}, {@code _seconds} and the
	 * histogram suffixes being Prometheus's).
	 */
	@Test
	void serviceRowsQueryMetersTheServicesRegister() {
		DashboardQueries.SERVICE_ROWS.forEach((row, service) -> {
			String sources = ServiceConfiguration.mainSources(service);
			Set<String> names = DashboardQueries.metricNamesOfRows(Set.of(row));
			assertThat(names).as(row).hasSizeGreaterThanOrEqualTo(6).allSatisfy((name) -> {
				String meter = name.replaceAll("_(bucket|sum|count)$", "").replaceAll("_total$", "");
				List<String> candidates = List.of(meter, meter.replaceAll("_seconds$", ""));
				assertThat(candidates).as(name + " registered by " + service)
					.anyMatch((candidate) -> sources.contains("\"" + candidate.replace('_', '.') + "\""));
			});
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
