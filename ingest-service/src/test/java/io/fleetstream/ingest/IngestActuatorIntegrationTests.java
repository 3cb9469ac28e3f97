package io.fleetstream.ingest;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

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

	/**
	 * A known batch on {@value IngestIntegrationTest#METRICS_TOPIC} (a topic of the
	 * shared context no other test writes to): 4 valid fixes of 4 cars, a duplicate of
	 * one of them, 2 malformed-json records and 1 with latitude 91. Must hold, as deltas
	 * of the values Prometheus scrapes for that topic: consumed +8, written +5 (the
	 * duplicate is a valid record), rejected{malformed-json} +2,
	 * rejected{latitude-out-of-range} +1, deadlettered +3 (and 3 more records in the
	 * dead-letter topic), record latency observed 5 times, batch sizes summing to 8, and
	 * every record of the topic committed (lag 0).
	 */
	@Test
	void pipelineMetricsCountAKnownBatchExactly() {
		String topic = IngestIntegrationTest.METRICS_TOPIC;
		String scrapeBefore = scrape();
		int deadLettersBefore = KafkaTestSupport.readAll(topic + "-dlt").size();
		long ts = System.currentTimeMillis() - 1000;
		try (GpsTestData producer = new GpsTestData()) {
			for (int car = 1; car <= 4; car++) {
				producer.send(topic, "it-actuator-" + car, GpsTestData.fix(37.5 + car * 0.001, 127.0, ts));
			}
			producer.send(topic, "it-actuator-1", GpsTestData.fix(37.501, 127.0, ts));
			producer.send(topic, "it-actuator-bad-1", "{\"lat\":37.5,\"lng\":");
			producer.send(topic, "it-actuator-bad-2", "{\"lat\":37.5");
			producer.send(topic, "it-actuator-bad-3", GpsTestData.fix(91.0, 127.0, ts));
			producer.flush();
		}
		String topicTag = "topic=\"" + topic + "\"";
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			String scrapeAfter = scrape();
			assertThat(delta(scrapeBefore, scrapeAfter, "fleet_records_consumed_total", topicTag)).as("consumed")
				.isEqualTo(8);
			assertThat(delta(scrapeBefore, scrapeAfter, "fleet_records_written_total", topicTag,
					"loader=\"redis-position\""))
				.as("written")
				.isEqualTo(5);
			assertThat(delta(scrapeBefore, scrapeAfter, "fleet_records_rejected_total", topicTag,
					"reason=\"malformed-json\""))
				.as("rejected malformed-json")
				.isEqualTo(2);
			assertThat(delta(scrapeBefore, scrapeAfter, "fleet_records_rejected_total", topicTag,
					"reason=\"latitude-out-of-range\""))
				.as("rejected latitude-out-of-range")
				.isEqualTo(1);
			assertThat(delta(scrapeBefore, scrapeAfter, "fleet_records_rejected_total", topicTag))
				.as("rejected, all reasons")
				.isEqualTo(3);
			assertThat(delta(scrapeBefore, scrapeAfter, "fleet_records_deadlettered_total", topicTag))
				.as("deadlettered")
				.isEqualTo(3);
			assertThat(
					delta(scrapeBefore, scrapeAfter, "fleet_record_latency_seconds_count", topicTag, "from=\"event\""))
				.as("latencies recorded")
				.isEqualTo(5);
			assertThat(delta(scrapeBefore, scrapeAfter, "fleet_batch_size_sum", topicTag)).as("batch sizes")
				.isEqualTo(8);
			// timed per route and loader: the route also serves cars.gps.json
			assertThat(delta(scrapeBefore, scrapeAfter, "fleet_load_duration_seconds_count", "route=\"gps\"",
					"loader=\"redis-position\""))
				.as("batches written")
				.isGreaterThanOrEqualTo(1.0);
			assertThat(samples(scrapeAfter, "kafka_consumer_fetch_manager_records_lag_max"))
				.as("consumer lag gauges, one per consumer")
				.isNotEmpty();
			assertThat(KafkaTestSupport.lag("fleetstream-ingest", topic)).as("records of the topic not committed")
				.isZero();
		});
		assertThat(KafkaTestSupport.readAll(topic + "-dlt")).hasSize(deadLettersBefore + 3);
	}

	private String scrape() {
		return management().get().uri("/actuator/prometheus").retrieve().body(String.class);
	}

	/** How much the sum of the samples with this name and these labels grew. */
	private static double delta(String before, String after, String name, String... labels) {
		return sum(after, name, labels) - sum(before, name, labels);
	}

	private static double sum(String scrape, String name, String... labels) {
		return samples(scrape, name, labels).stream().mapToDouble(Double::doubleValue).sum();
	}

	/** The values of the samples with this name whose labels include all of these. */
	private static List<Double> samples(String scrape, String name, String... labels) {
		return scrape.lines()
			.filter((line) -> line.startsWith(name + "{"))
			.filter((line) -> Arrays.stream(labels)
				.allMatch((label) -> line.substring(0, line.indexOf('}')).contains(label)))
			.map((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.toList();
	}

	private RestClient management() {
		return RestClient.create("http://localhost:" + this.managementPort);
	}

	private static HttpStatusCode status(RestClient client, String path) {
		return client.get().uri(path).exchange((request, response) -> response.getStatusCode());
	}

}
