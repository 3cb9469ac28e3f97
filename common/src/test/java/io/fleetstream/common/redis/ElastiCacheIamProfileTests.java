package io.fleetstream.common.redis;

import java.util.Map;

import io.fleetstream.common.FleetProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code elasticache-iam} profile turns IAM and TLS on and leaves the IAM settings to
 * the service's configuration and the environment. A profile file outranks the service's
 * {@code application.yaml}, so a placeholder with an empty default there would blank what
 * the service sets.
 */
class ElastiCacheIamProfileTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withInitializer(new ConfigDataApplicationContextInitializer())
		.withUserConfiguration(Properties.class)
		.withPropertyValues("spring.profiles.active=elasticache-iam");

	@Test
	void iamSettingsOfTheServicesOwnConfigurationSurviveTheProfile() {
		this.runner.withPropertyValues("spring.config.name=application,fleet-iam-service").run((context) -> {
			FleetProperties.Iam iam = context.getBean(FleetProperties.class).redis().iam();
			assertThat(iam.enabled()).isTrue();
			assertThat(iam.userId()).isEqualTo("ingest-service");
			assertThat(iam.cacheName()).isEqualTo("fleet-positions");
			assertThat(iam.serverless()).isTrue();
			assertThat(iam.region()).isEqualTo("eu-west-1");
			assertThat(context.getEnvironment().getProperty("spring.data.redis.ssl.enabled")).isEqualTo("true");
		});
	}

	@Test
	void environmentVariablesSetTheIamSettingsByRelaxedBinding() {
		Map<String, Object> variables = Map.of("FLEET_REDIS_IAM_USER_ID", "alert-service", "FLEET_REDIS_IAM_CACHE_NAME",
				"fleet-alerts", "FLEET_REDIS_IAM_SERVERLESS", "true", "FLEET_REDIS_IAM_REGION", "ap-northeast-2");
		this.runner.withPropertyValues("spring.config.name=application,fleet-iam-service")
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource(
						StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME + "-test", variables)))
			.run((context) -> {
				FleetProperties.Iam iam = context.getBean(FleetProperties.class).redis().iam();
				assertThat(iam.userId()).isEqualTo("alert-service");
				assertThat(iam.cacheName()).isEqualTo("fleet-alerts");
				assertThat(iam.serverless()).isTrue();
				assertThat(iam.region()).isEqualTo("ap-northeast-2");
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(FleetProperties.class)
	static class Properties {

	}

}
