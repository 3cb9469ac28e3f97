package io.fleetstream.ingest;

import java.time.Duration;

import io.fleetstream.common.Topics;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Actuator exposes only probes and Prometheus metrics, on the management port only;
 * readiness covers Redis (what the API needs), Kafka is in the overall health only.
 */
@IngestIntegrationTest
class IngestActuatorIntegrationTests {

	@LocalManagementPort
	int managementPort;

	@LocalServerPort
	int serverPort;

	@Test
	void readinessCoversRedisButNotKafkaAndLivenessIsUp() {
		RestClient management = management();
		String readiness = management.get().uri("/actuator/health/readiness").retrieve().body(String.class);
		assertThat(readiness).contains("\"status\":\"UP\"").contains("\"redis\"").doesNotContain("kafka");
		String liveness = management.get().uri("/actuator/health/liveness").retrieve().body(String.class);
		assertThat(liveness).contains("\"status\":\"UP\"").contains("\"livenessState\"").doesNotContain("kafka");
	}

	@Test
	void kafkaIsAComponentOfTheOverallHealth() {
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(management().get().uri("/actuator/health").retrieve().body(String.class))
				.contains("\"kafka\":{\"status\":\"UP\"}"));
	}

	@Test
	void onlyHealthAndPrometheusAreExposed() {
		RestClient management = management();
		for (String endpoint : new String[] { "env", "beans", "configprops", "heapdump", "loggers", "metrics" }) {
			assertThat(status(management, "/actuator/" + endpoint)).as(endpoint).isEqualTo(HttpStatus.NOT_FOUND);
		}
		assertThat(status(RestClient.create("http://localhost:" + this.serverPort), "/actuator/health"))
			.as("actuator on the API port")
			.isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void pipelineMetricsArePublishedForPrometheus() {
		try (GpsTestData producer = new GpsTestData()) {
			producer.send(Topics.GPS, "it-metrics-1", GpsTestData.fix(37.5, 127.0, System.currentTimeMillis()));
			producer.flush();
		}
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			String metrics = management().get().uri("/actuator/prometheus").retrieve().body(String.class);
			assertThat(metrics)
				.contains("fleet_records_consumed_total{application=\"ingest-service\",topic=\"cars.gps.json\"}")
				.contains("fleet_records_written_total")
				.contains("fleet_record_latency_seconds_bucket")
				.contains("fleet_load_duration_seconds")
				.contains("fleet_batch_size")
				.contains("kafka_consumer_fetch_manager_records_lag");
		});
	}

	private RestClient management() {
		return RestClient.create("http://localhost:" + this.managementPort);
	}

	private static HttpStatusCode status(RestClient client, String path) {
		return client.get().uri(path).exchange((request, response) -> response.getStatusCode());
	}

}
