package io.fleetstream.common.web;

import java.util.List;
import java.util.Optional;

import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The service's CORS policy from {@link FleetCorsProperties}: {@code GET} and
 * {@code HEAD} under {@code /api/}, {@code POST} also on the configured paths, for the
 * configured origins only, without credentials (the API takes bearer tokens, not
 * cookies). Applied by the API's security filter chain, so a preflight is answered before
 * authentication. Not a {@link CorsConfigurationSource} bean itself, so that nothing
 * picks it up by type where it was not meant to apply.
 */
public final class FleetCorsPolicy {

	private final CorsConfigurationSource source;

	FleetCorsPolicy(FleetCorsProperties properties) {
		this.source = properties.allowedOrigins().isEmpty() ? null : source(properties);
	}

	/** The source to apply, or empty when no origin is allowed (no CORS at all). */
	public Optional<CorsConfigurationSource> source() {
		return Optional.ofNullable(this.source);
	}

	private static CorsConfigurationSource source(FleetCorsProperties properties) {
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		for (String path : properties.postPaths()) {
			source.registerCorsConfiguration(path, configuration(properties, List.of("GET", "HEAD", "POST")));
		}
		source.registerCorsConfiguration("/api/**", configuration(properties, List.of("GET", "HEAD")));
		return source;
	}

	private static CorsConfiguration configuration(FleetCorsProperties properties, List<String> methods) {
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOrigins(properties.allowedOrigins());
		configuration.setAllowedMethods(methods);
		configuration.setAllowedHeaders(List.of("Content-Type", "Authorization"));
		configuration.setExposedHeaders(List.of("Retry-After"));
		configuration.setAllowCredentials(false);
		configuration.setMaxAge(properties.maxAge());
		return configuration;
	}

}
