package io.fleetstream.enrichment.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Describes the API for the OpenAPI document.
 */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

	@Bean
	OpenAPI fleetStreamOpenApi() {
		return new OpenAPI().info(new Info().title("FleetStream vehicle-state API")
			.version("v1")
			.description("Each car's reference attributes (from the CDC snapshot) and up-to-date state (every "
					+ "signal with its event time), and the attribute paths learned per topic. Errors are RFC 9457 "
					+ "problems.")
			.license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")));
	}

}
