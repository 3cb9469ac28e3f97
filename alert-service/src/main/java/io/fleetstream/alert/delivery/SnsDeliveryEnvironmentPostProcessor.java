package io.fleetstream.alert.delivery;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * In log-only mode, switches Spring Cloud AWS's SNS auto-configuration off
 * ({@code spring.cloud.aws.sns.enabled=false}): its client resolves an AWS region when it
 * is created, so on a laptop without AWS configuration the service would not start.
 */
class SnsDeliveryEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!SnsDeliveryMode.of(environment).sns()) {
			environment.getPropertySources()
				.addFirst(new MapPropertySource("fleetAlertLogOnlyDelivery",
						Map.of("spring.cloud.aws.sns.enabled", "false")));
		}
	}

	@Override
	public int getOrder() {
		// after the config data (application.yaml, profiles) is loaded
		return Ordered.LOWEST_PRECEDENCE;
	}

}
