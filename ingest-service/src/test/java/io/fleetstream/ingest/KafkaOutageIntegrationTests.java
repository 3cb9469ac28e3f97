package io.fleetstream.ingest;

import java.time.Duration;

import io.fleetstream.devinfra.KraftBroker;
import io.fleetstream.devinfra.KraftBrokerSettings;
import io.fleetstream.devinfra.RedisProcess;
import io.fleetstream.testsupport.SharedRedis;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault: the service's only Kafka broker is stopped for good while the service runs. Must
 * hold: within 15 s the overall health reports Kafka DOWN, and during the next 5 s
 * readiness stays UP (200) and the API keeps answering from Redis (200), so the pod stays
 * in its Kubernetes Service.
 */
class KafkaOutageIntegrationTests {

	private static final String TOPIC = "it.fault.kafka.gps";

	@Test
	void aBrokerOutageLeavesReadinessAndTheApiUp() {
		// a broker of this test's own: it is stopped for good
		KraftBroker broker = KraftBroker.start(KraftBrokerSettings.defaults());
		RedisProcess redis = SharedRedis.standalone();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(IngestApplication.class).run(
				"--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
				"--spring.data.redis.host=" + redis.host(), "--spring.data.redis.port=" + redis.port(),
				"--server.port=0", "--management.server.port=0", "--fleet.routes.gps.topics=" + TOPIC,
				"--spring.kafka.consumer.group-id=it-fault-kafka", "--fleet.kafka.create-topics=true");
		try {
			RestClient management = client(context.getEnvironment().getProperty("local.management.port"));
			RestClient api = client(context.getEnvironment().getProperty("local.server.port"));
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(health(management)).contains("\"kafka\":{\"status\":\"UP\"}"));

			broker.close();

			await().atMost(Duration.ofSeconds(15))
				.untilAsserted(() -> assertThat(health(management)).contains("\"kafka\":{\"status\":\"DOWN\"}"));
			await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7)).untilAsserted(() -> {
				assertThat(status(management, "/actuator/health/readiness").value()).isEqualTo(200);
				assertThat(status(api, "/api/v1/fleet/summary").value()).isEqualTo(200);
			});
		}
		finally {
			context.close();
			broker.close();
		}
	}

	private static String health(RestClient management) {
		return management.get()
			.uri("/actuator/health")
			.exchange((request, response) -> new String(response.getBody().readAllBytes()));
	}

	private static HttpStatusCode status(RestClient client, String path) {
		return client.get().uri(path).exchange((request, response) -> response.getStatusCode());
	}

	private static RestClient client(String port) {
		return RestClient.create("http://localhost:" + port);
	}

}
