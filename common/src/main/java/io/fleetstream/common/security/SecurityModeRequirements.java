package io.fleetstream.common.security;

import java.net.URI;
import java.util.Set;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.StringUtils;

/**
 * What {@code fleet.security.*} must say before the API may start: exactly one of an
 * issuer and the explicit opt-out, an audience with the issuer, and keys fetched over
 * TLS. Each failure names the property and what to set.
 */
final class SecurityModeRequirements {

	private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

	private SecurityModeRequirements() {
	}

	static void check(FleetSecurityProperties properties) {
		FleetSecurityProperties.Jwt jwt = properties.jwt();
		boolean issuer = StringUtils.hasText(jwt.issuerUri());
		if (properties.open() && issuer) {
			throw new InvalidConfigurationPropertyValueException("fleet.security.open", true,
					"fleet.security.open=true and fleet.security.jwt.issuer-uri are both set; set only the issuer "
							+ "to require tokens, or only open=true to serve the API without authentication");
		}
		if (!properties.open() && !issuer) {
			throw new InvalidConfigurationPropertyValueException("fleet.security.jwt.issuer-uri", null,
					"the API requires authentication: set fleet.security.jwt.issuer-uri and "
							+ "fleet.security.jwt.audiences to accept the issuer's access tokens, or set "
							+ "fleet.security.open=true to serve it without authentication (local runs only)");
		}
		if (issuer) {
			if (jwt.audiences().isEmpty()) {
				throw new InvalidConfigurationPropertyValueException("fleet.security.jwt.audiences", null,
						"required with fleet.security.jwt.issuer-uri: without an audience, tokens the issuer made "
								+ "for any other application would be accepted");
			}
			if (StringUtils.hasText(jwt.jwkSetUri())) {
				requireTls("fleet.security.jwt.jwk-set-uri", jwt.jwkSetUri());
			}
			else {
				requireTls("fleet.security.jwt.issuer-uri", jwt.issuerUri());
			}
		}
	}

	/**
	 * Signing keys fetched in the clear could be replaced on the way; only a loopback
	 * address (an issuer on the same host, tests) may be plain HTTP.
	 */
	private static void requireTls(String property, String uri) {
		URI parsed;
		try {
			parsed = URI.create(uri);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(property, uri, "not a URI: " + ex.getMessage());
		}
		boolean https = "https".equalsIgnoreCase(parsed.getScheme());
		boolean loopbackHttp = "http".equalsIgnoreCase(parsed.getScheme()) && parsed.getHost() != null
				&& LOOPBACK.contains(parsed.getHost().toLowerCase());
		if (!https && !loopbackHttp) {
			throw new InvalidConfigurationPropertyValueException(property, uri,
					"the issuer's keys are fetched from here and must be fetched over https "
							+ "(plain http only on a loopback address)");
		}
	}

}
