package io.fleetstream.helm;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.fleetstream.ingest.IngestApplication;
import io.fleetstream.testsupport.RealInfrastructure;
import io.fleetstream.devinfra.RedisProcess;
import io.fleetstream.testsupport.SharedKafkaBroker;
import io.fleetstream.testsupport.SharedRedis;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every metric name the Grafana dashboard queries outside the enrichment and alert rows
 * is one a running ingest-service publishes on {@code /actuator/prometheus}: the whole
 * service against a real Kafka broker and redis-server, fed what makes each meter appear
 * (a fix, a replayed fix, a fix beyond the geo index's latitude, an invalid record, a
 * Redis outage), scraped as Prometheus would.
 */
@SpringBootTest(classes = IngestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "fleet.kafka.create-topics=true", "fleet.security.open=true",
				// the outage below is noticed and recovered from within seconds
				"spring.data.redis.timeout=1s", "fleet.kafka.retry.max-interval=1s" })
@AutoConfigureMetrics
@RealInfrastructure
class DashboardMetricsIntegrationTests {

	private static final String TOPIC = "cars.gps.json";

	private static final String FAILING_SINCE = "fleet_partition_failing_since_seconds";

	@LocalManagementPort
	int managementPort;

	@Test
	void everyMetricTheDashboardQueriesIsPublishedByIngestService() {
		long now = System.currentTimeMillis();
		try (KafkaProducer<String, byte[]> producer = producer()) {
			send(producer, "dash-1", fix(37.5665, now));
			// the same fix again: stale (fleet_positions_stale_total)
			send(producer, "dash-1", fix(37.5665, now));
			// valid GPS outside what Redis can geo-index
			// (fleet_positions_unindexed_total)
			send(producer, "dash-2", fix(86.0, now));
			// rejected and dead-lettered (fleet_records_rejected_total,
			// fleet_records_deadlettered_total)
			send(producer, "dash-3", "not json");
			producer.flush();
		}
		// JVM GC pause meters appear with the first collection
		System.gc();
		// the enrichment and alert rows are enrichment-service's and alert-service's own
		// meters (DashboardTests checks them against their sources)
		Set<String> dashboard = DashboardQueries.metricNamesOutsideServiceRows();
		assertThat(dashboard).contains("fleet_records_consumed_total", "kafka_consumer_fetch_manager_records_lag",
				"fleet_record_latency_seconds_bucket", "jvm_memory_used_bytes", FAILING_SINCE);
		// Micrometer binds new Kafka client metrics (the per-partition lag) on its next
		// refresh, every 60 s: the lag series appears up to a minute after the first
		// fetch
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			Map<String, List<Double>> scrape = scrape();
			assertThat(scrape.keySet()).containsAll(dashboard);
			// from the partitions' assignment on, at 0 while their batches succeed
			assertThat(scrape.get(FAILING_SINCE)).containsOnly(0.0);
		});

		// Injected: redis-server stopped while a fix arrives. Must hold: the partition's
		// failing-since gauge (the dashboard's "Partitions failing") holds the failure's
		// time in epoch seconds, and is back to 0 once Redis is back and the batch
		// written.
		RedisProcess redis = SharedRedis.standalone();
		redis.stop();
		try (KafkaProducer<String, byte[]> producer = producer()) {
			send(producer, "dash-4", fix(37.5, System.currentTimeMillis()));
			producer.flush();
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(scrape().get(FAILING_SINCE)).isNotNull()
					.anySatisfy((value) -> assertThat(value).isGreaterThanOrEqualTo(now / 1000.0 - 1)));
		}
		finally {
			redis.start();
		}
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(scrape().get(FAILING_SINCE)).isNotEmpty().containsOnly(0.0));
	}

	/**
	 * The Prometheus text exposition: each sample name with its values (one per series).
	 */
	private Map<String, List<Double>> scrape() {
		String text = RestClient.create("http://localhost:" + this.managementPort)
			.get()
			.uri("/actuator/prometheus")
			.retrieve()
			.body(String.class);
		Map<String, List<Double>> samples = new TreeMap<>();
		text.lines().filter((line) -> !line.isBlank() && !line.startsWith("#")).forEach((line) -> {
			String name = line.split("[{ ]", 2)[0];
			String value = line.substring(line.lastIndexOf(' ') + 1);
			samples.computeIfAbsent(name, (key) -> new ArrayList<>()).add(Double.parseDouble(value));
		});
		return samples;
	}

	private static String fix(double lat, long ts) {
		return "{\"lat\":" + lat + ",\"lng\":126.978,\"ts\":" + ts + "}";
	}

	private static KafkaProducer<String, byte[]> producer() {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers(),
				ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
	}

	private static void send(KafkaProducer<String, byte[]> producer, String carId, String value) {
		producer.send(new ProducerRecord<>(TOPIC, carId, value.getBytes(StandardCharsets.UTF_8)));
	}

}
