package io.fleetstream.alert.api;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fleetstream.common.security.FleetScopes;
import io.fleetstream.common.security.FleetSecurityProperties;

/**
 * Declares in the OpenAPI document how the API is authenticated (common's
 * {@code FleetSecurityAutoConfiguration} enforces it): a bearer JWT with scope
 * {@code fleet:read} for reads and {@code fleet:write} for acknowledgements and silences,
 * unless the API is served open.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityDocumentation {

	static final String SCHEME = "bearer";

	@Bean
	OpenApiCustomizer bearerTokenDocumentation(FleetSecurityProperties security) {
		return (openApi) -> {
			if (security.open()) {
				return;
			}
			if (openApi.getComponents() == null) {
				openApi.setComponents(new Components());
			}
			openApi.getComponents()
				.addSecuritySchemes(SCHEME,
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.bearerFormat("JWT")
							.description("An access token from " + security.jwt().issuerUri() + " for audience "
									+ String.join(" or ", security.jwt().audiences()) + "; reads need scope "
									+ FleetScopes.READ + ", changes " + FleetScopes.WRITE));
			openApi.addSecurityItem(new SecurityRequirement().addList(SCHEME, List.of(FleetScopes.READ)));
		};
	}

}
