package io.fleetstream.common.web;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Cross-origin access to a service's API ({@code fleet.web.cors.*}), for a browser page
 * served from another origin: the live map on ingest-service calling enrichment- and
 * alert-service when they are not behind one host (the local stack). None by default:
 * behind the Helm chart's ingress every API is on the page's own origin and no CORS is
 * needed ({@code docs/map.md}).
 *
 * @param allowedOrigins the origins allowed, exactly ({@code http://localhost:8080}); no
 * wildcards; empty (the default): no cross-origin access at all
 * @param postPaths API paths where {@code POST} is allowed too (path patterns, e.g.
 * {@code /api/v1/alerts/*}{@code /ack}); everywhere else under {@code /api/} only
 * {@code GET} and {@code HEAD}
 * @param maxAge how long a browser may cache a preflight answer
 */
@Validated
@ConfigurationProperties("fleet.web.cors")
public record FleetCorsProperties(
		@DefaultValue List<@Pattern(regexp = "https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?") String> allowedOrigins,
		@DefaultValue List<@Pattern(regexp = "/api/[A-Za-z0-9._~/*{}-]*") String> postPaths,
		@DefaultValue("30m") @NotNull Duration maxAge) {

	public FleetCorsProperties {
		allowedOrigins = List.copyOf(allowedOrigins);
		postPaths = List.copyOf(postPaths);
	}

}
