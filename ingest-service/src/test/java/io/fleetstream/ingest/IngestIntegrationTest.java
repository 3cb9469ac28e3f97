package io.fleetstream.ingest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.fleetstream.testsupport.RealInfrastructure;

import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The whole ingest-service on random ports (API and management) against the shared real
 * Kafka broker and redis-server, with the Prometheus endpoint on. Test classes with this
 * annotation share one application context. Besides {@code cars.gps.json} its GPS route
 * also consumes {@value #METRICS_TOPIC}, which only
 * {@link IngestActuatorIntegrationTests} writes to, so that the metrics of a known batch
 * can be measured in the shared context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "fleet.kafka.create-topics=true",
				"management.endpoint.health.group.readiness.show-components=always",
				"fleet.routes.gps.topics=cars.gps.json," + IngestIntegrationTest.METRICS_TOPIC })
@AutoConfigureMetrics
@RealInfrastructure
public @interface IngestIntegrationTest {

	/** A GPS topic of the shared context that only the metrics test writes to. */
	String METRICS_TOPIC = "it.actuator.gps";

}
