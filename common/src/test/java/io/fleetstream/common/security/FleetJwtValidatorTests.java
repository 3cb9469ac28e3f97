package io.fleetstream.common.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The validators every token passes after its signature (the decoder production builds
 * uses exactly these): issuer, one of the audiences, an expiry, within the clock skew.
 */
class FleetJwtValidatorTests {

	private static final String ISSUER = "https://login.example.com/realms/fleet";

	private final OAuth2TokenValidator<Jwt> validator = FleetJwtDecoders
		.validator(new FleetSecurityProperties.Jwt(ISSUER, List.of("fleetstream-api", "fleetstream-map"), null,
				Duration.ofSeconds(30), Duration.ofSeconds(5), null));

	@Test
	void tokenOfTheIssuerForOneOfTheAudiencesIsValid() {
		assertThat(this.validator.validate(token().build()).hasErrors()).isFalse();
		assertThat(this.validator.validate(token().audience(List.of("other", "fleetstream-map")).build()).hasErrors())
			.isFalse();
	}

	@Test
	void tokenOfAnotherIssuerIsInvalid() {
		assertThat(errors(token().issuer("https://login.example.com/realms/other"))).contains("iss");
	}

	@Test
	void tokenForNoneOfTheAudiencesIsInvalid() {
		assertThat(errors(token().audience(List.of("another-api")))).contains("aud");
		assertThat(errors(token().claims((claims) -> claims.remove("aud")))).contains("aud");
	}

	@Test
	void expiredTokenIsInvalidBeyondTheClockSkewOnly() {
		Instant now = Instant.now();
		assertThat(
				this.validator.validate(token().issuedAt(now.minusSeconds(600)).expiresAt(now.minusSeconds(20)).build())
					.hasErrors())
			.as("expired 20 s ago, within the 30 s skew")
			.isFalse();
		assertThat(errors(token().issuedAt(now.minusSeconds(600)).expiresAt(now.minusSeconds(40)))).contains("expired");
	}

	@Test
	void tokenWithoutExpiryIsInvalid() {
		assertThat(errors(token().claims((claims) -> claims.remove("exp")))).contains("exp");
	}

	@Test
	void tokenNotYetValidIsInvalid() {
		assertThat(errors(token().notBefore(Instant.now().plusSeconds(120)))).contains("Jwt used before");
	}

	private String errors(Jwt.Builder token) {
		OAuth2TokenValidatorResult result = this.validator.validate(token.build());
		assertThat(result.hasErrors()).isTrue();
		return result.getErrors().stream().map(OAuth2Error::getDescription).toList().toString();
	}

	private static Jwt.Builder token() {
		Instant now = Instant.now();
		return Jwt.withTokenValue("token")
			.header("alg", "RS256")
			.header("typ", "JWT")
			.issuer(ISSUER)
			.audience(List.of("fleetstream-api"))
			.subject("operator-1")
			.issuedAt(now)
			.expiresAt(now.plusSeconds(300));
	}

}
