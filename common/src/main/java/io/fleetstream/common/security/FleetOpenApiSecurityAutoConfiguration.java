package io.fleetstream.common.security;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;

/**
 * Declares in a service's OpenAPI document how its API is authenticated
 * ({@link FleetSecurityAutoConfiguration} enforces it): a bearer JWT, scope
 * {@code fleet:read} for reads and {@code fleet:write} for changes, unless the API is
 * served open. Only where the service serves an OpenAPI document (springdoc on its class
 * path).
 */
@AutoConfiguration(after = FleetSecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(OpenApiCustomizer.class)
@ConditionalOnBean(FleetSecurityProperties.class)
public class FleetOpenApiSecurityAutoConfiguration {

	/** The security scheme's name in the document. */
	public static final String SCHEME = "bearer";

	@Bean
	OpenApiCustomizer fleetBearerTokenDocumentation(FleetSecurityProperties security) {
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
