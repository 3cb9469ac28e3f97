package io.fleetstream.common.security;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How a service's HTTP API is protected ({@code fleet.security.*}). Secure by default:
 * the API is an OAuth2 resource server for the configured issuer, and a service with
 * neither an issuer nor the explicit {@code open} opt-out does not start, because an API
 * that is open by accident is the failure to prevent.
 *
 * @param open serve the API without authentication; for the local stack and tests only,
 * never together with an issuer
 * @param jwt the issuer whose access tokens are accepted
 * @param rateLimit the per-client limit on the query endpoints ({@code GET /api/**})
 * @param request size limits of requests to the API port
 */
@Validated
@ConfigurationProperties("fleet.security")
public record FleetSecurityProperties(boolean open, @DefaultValue @Valid Jwt jwt,
		@DefaultValue @Valid RateLimit rateLimit, @DefaultValue @Valid RequestLimits request) {

	/**
	 * The token issuer. Tokens must be signed by one of the issuer's keys (its JWK set),
	 * name it in {@code iss}, name one of the audiences in {@code aud}, carry {@code exp}
	 * and be within their validity (give or take the clock skew).
	 *
	 * @param issuerUri the issuer identifier, exactly as in the tokens' {@code iss};
	 * unless {@code jwkSetUri} is set, its OpenID Connect / OAuth 2.0 metadata is read
	 * (on the first request) to find the JWK set
	 * @param audiences the tokens' {@code aud} must contain at least one of these
	 * (required with an issuer: tokens the same issuer made for other applications are
	 * refused)
	 * @param jwkSetUri where the issuer's signing keys are, when its metadata is not
	 * published or not reachable
	 * @param clockSkew tolerance for {@code exp} and {@code nbf} between the issuer's
	 * clock and ours
	 * @param jwkSetTimeout connect and read timeout when fetching the metadata or the
	 * keys
	 * @param tokenHeader a request header that may carry the bare access token instead of
	 * {@code Authorization: Bearer}, e.g. {@code X-Auth-Request-Access-Token} as set by
	 * an OAuth2 proxy at the ingress; the token is validated the same way
	 */
	public record Jwt(String issuerUri, @DefaultValue List<@NotBlank String> audiences, String jwkSetUri,
			@DefaultValue("60s") @NotNull Duration clockSkew, @DefaultValue("5s") @NotNull Duration jwkSetTimeout,
			String tokenHeader) {

		public Jwt {
			audiences = List.copyOf(audiences);
		}

	}

	/**
	 * A token bucket per client: a client is the token's subject when authenticated, else
	 * the request's remote address (see {@code docs/security.md} for proxies).
	 *
	 * @param enabled whether query requests are limited
	 * @param requestsPerSecond the sustained rate each client may query at
	 * @param burst how many requests a client that has been idle may send at once
	 * @param maxClients the most clients remembered; beyond it the least recently seen is
	 * forgotten (and starts again with a full bucket), which bounds the memory used
	 */
	public record RateLimit(@DefaultValue("true") boolean enabled,
			@DefaultValue("20") @Positive double requestsPerSecond, @DefaultValue("40") @Min(1) int burst,
			@DefaultValue("10000") @Min(1) @Max(10_000_000) int maxClients) {
	}

	/**
	 * Limits on what a request to the API port may carry, checked before authentication.
	 * Header size is the servlet container's
	 * ({@code server.max-http-request-header-size}).
	 *
	 * @param maxUriLength the longest path plus query string, in characters
	 * @param maxBodySize the largest body of a request that may have one ({@code GET} and
	 * {@code HEAD} may not)
	 */
	public record RequestLimits(@DefaultValue("2048") @Min(64) int maxUriLength,
			@DefaultValue("64KB") @NotNull DataSize maxBodySize) {
	}

}
