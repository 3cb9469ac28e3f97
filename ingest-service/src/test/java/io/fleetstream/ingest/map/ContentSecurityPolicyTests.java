package io.fleetstream.ingest.map;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.fleetstream.ingest.IngestProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page's policy names exactly the origins it is configured to call.
 */
class ContentSecurityPolicyTests {

	@Test
	void byDefaultEverythingComesFromThePagesOwnOrigin() {
		String policy = ContentSecurityPolicy.of(map("", "", ""));

		assertThat(policy).contains("default-src 'self'", "script-src 'self'", "connect-src 'self';",
				"img-src 'self' data:;", "frame-ancestors 'none'");
	}

	@Test
	void configuredServicesAndTilesAreAllowedByOriginOnly() {
		String policy = ContentSecurityPolicy.of(map("http://localhost:8082", "http://localhost:8084/base",
				"https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"));

		assertThat(policy).contains("connect-src 'self' http://localhost:8082 http://localhost:8084;",
				"img-src 'self' data: https://*.tile.openstreetmap.org;", "script-src 'self';");
	}

	private static IngestProperties.MapPage map(String enrichment, String alert, String tiles) {
		return new IngestProperties.MapPage(true, enrichment, alert, tiles, "", Duration.ofMinutes(15), 3,
				Duration.ofSeconds(5));
	}

}
