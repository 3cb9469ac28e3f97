package io.fleetstream.alert;

import org.junit.jupiter.api.Test;

import io.fleetstream.testsupport.RealInfrastructure;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service boots against real Kafka and Redis and serves its probes and metrics on the
 * management port.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "fleet.security.open=true", "fleet.kafka.create-topics=true" })
@AutoConfigureMetrics
@RealInfrastructure
@Import(RecordingDelivery.Config.class)
class AlertApplicationTests {

	@LocalManagementPort
	int managementPort;

	@Test
	void probesAndMetricsAreServed() {
		RestClient management = RestClient.create("http://localhost:" + this.managementPort);
		assertThat(management.get().uri("/actuator/health/liveness").retrieve().body(String.class)).contains("UP");
		assertThat(management.get().uri("/actuator/health/readiness").retrieve().body(String.class)).contains("UP");
		assertThat(management.get().uri("/actuator/prometheus").retrieve().body(String.class))
			.contains("application=\"alert-service\"");
	}

}
