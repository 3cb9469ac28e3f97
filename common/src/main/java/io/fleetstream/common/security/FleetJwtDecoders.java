package io.fleetstream.common.security;

import java.util.List;

import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.HeaderBearerTokenResolver;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestTemplate;

/**
 * The decoder of the API's access tokens: signature against the issuer's JWK set, then
 * the validators of {@link #validator}. The issuer's metadata and keys are read on the
 * first token, not at start-up, so a service starts while its issuer is unreachable;
 * until they can be read, a token can be neither accepted nor refused, and the decoder
 * says so with a plain {@link JwtException} (answered 503 by the API, see
 * {@code SecurityProblems}), not as an invalid token.
 */
final class FleetJwtDecoders {

	private FleetJwtDecoders() {
	}

	static JwtDecoder decoder(FleetSecurityProperties.Jwt jwt) {
		JwtDecoder lazy = new SupplierJwtDecoder(() -> build(jwt));
		return (token) -> {
			try {
				return lazy.decode(token);
			}
			catch (JwtDecoderInitializationException ex) {
				throw new JwtException("The token issuer's metadata could not be read: " + ex.getMessage(), ex);
			}
		};
	}

	private static NimbusJwtDecoder build(FleetSecurityProperties.Jwt jwt) {
		SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
		requests.setConnectTimeout(jwt.jwkSetTimeout());
		requests.setReadTimeout(jwt.jwkSetTimeout());
		RestTemplate rest = new RestTemplate(requests);
		NimbusJwtDecoder.JwkSetUriJwtDecoderBuilder builder = StringUtils.hasText(jwt.jwkSetUri())
				? NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri())
				: NimbusJwtDecoder.withIssuerLocation(jwt.issuerUri());
		NimbusJwtDecoder decoder = builder.restOperations(rest).build();
		decoder.setJwtValidator(validator(jwt));
		return decoder;
	}

	/**
	 * Where the token is: {@code Authorization: Bearer}, else the configured header.
	 */
	static BearerTokenResolver tokenResolver(FleetSecurityProperties.Jwt jwt) {
		BearerTokenResolver authorization = new DefaultBearerTokenResolver();
		if (!StringUtils.hasText(jwt.tokenHeader())) {
			return authorization;
		}
		BearerTokenResolver header = new HeaderBearerTokenResolver(jwt.tokenHeader());
		return (request) -> {
			String token = authorization.resolve(request);
			return (token != null) ? token : header.resolve(request);
		};
	}

	/**
	 * Issuer, audience, expiry (required) and not-before with the configured clock skew,
	 * plus Spring Security's defaults (token type, certificate-bound tokens).
	 */
	static OAuth2TokenValidator<org.springframework.security.oauth2.jwt.Jwt> validator(
			FleetSecurityProperties.Jwt jwt) {
		JwtTimestampValidator timestamps = new JwtTimestampValidator(jwt.clockSkew());
		// a token without an expiry would be valid for ever
		timestamps.setAllowEmptyExpiryClaim(false);
		List<String> audiences = jwt.audiences();
		JwtClaimValidator<List<String>> audience = new JwtClaimValidator<>(JwtClaimNames.AUD,
				(aud) -> aud != null && aud.stream().anyMatch(audiences::contains));
		return JwtValidators
			.createDefaultWithValidators(List.of(timestamps, new JwtIssuerValidator(jwt.issuerUri()), audience));
	}

}
