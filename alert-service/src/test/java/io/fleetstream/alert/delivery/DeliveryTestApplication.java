package io.fleetstream.alert.delivery;

import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.sns.SnsAutoConfiguration;
import io.fleetstream.common.redis.AsyncRedisAutoConfiguration;
import io.fleetstream.common.redis.FleetRedisAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import io.fleetstream.alert.AlertProperties;

/**
 * The delivery with what it really runs on and nothing else of alert-service: Spring
 * Boot's Redis (Lettuce) and validation, common's Redis wiring, and Spring Cloud AWS's
 * own credentials, region and SNS client auto-configuration, configured by the standard
 * {@code spring.cloud.aws.*} properties. Rules, routes and Kafka are left out, so these
 * tests say only what the delivery does.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({ ConfigurationPropertiesAutoConfiguration.class, ValidationAutoConfiguration.class,
		FleetRedisAutoConfiguration.class, DataRedisAutoConfiguration.class, AsyncRedisAutoConfiguration.class,
		AwsAutoConfiguration.class, CredentialsProviderAutoConfiguration.class, RegionProviderAutoConfiguration.class,
		SnsAutoConfiguration.class })
@Import(DeliveryConfiguration.class)
@EnableConfigurationProperties(AlertProperties.class)
class DeliveryTestApplication {

	// named apart from the application's own: the whole application's component scan in
	// other tests finds this class too (where the application's bean is the primary one)
	@Bean
	SnsSettings deliveryTestSnsSettings(AlertProperties properties) {
		return properties.sns();
	}

	@Bean
	MeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

}
