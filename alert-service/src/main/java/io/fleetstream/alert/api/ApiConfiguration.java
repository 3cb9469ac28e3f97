package io.fleetstream.alert.api;

import java.time.Clock;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Describes the alert API for the OpenAPI document.
 */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	OpenAPI fleetStreamOpenApi() {
		return new OpenAPI().info(new Info().title("FleetStream alert API")
			.version("v1")
			.description("Alert episodes detected by alert-service's rules (current and recent, acknowledgement), "
					+ "the active rules, and silences that mute e-mails. Errors are RFC 9457 problems.")
			.license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")));
	}

}
