package io.fleetstream.ingest.api;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.fleetstream.ingest.IngestProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;

/**
 * With the API open (no tokens, as in the local stack) a client is its remote address:
 * each address gets its own burst (here 2, refilling at one request per 100 s), then 429
 * problems with {@code Retry-After}; only queries count.
 */
@WebMvcTest(controllers = { VehicleController.class, FleetController.class },
		properties = { "fleet.security.rate-limit.enabled=true", "fleet.security.rate-limit.burst=2",
				"fleet.security.rate-limit.requests-per-second=0.01" })
@EnableConfigurationProperties(IngestProperties.class)
class OpenApiRateLimitTests {

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private FleetQueries queries;

	@BeforeEach
	void summaryAnswers() {
		given(this.queries.summary(any())).willReturn(new FleetSummary(1, 1, java.time.Duration.ofMinutes(5),
				java.time.Instant.parse("2025-11-22T08:26:40Z")));
	}

	@Test
	void eachAddressHasItsOwnBurstThenGets429WithRetryAfter() {
		assertThat(this.mvc.get().uri("/api/v1/fleet/summary").with(from("10.0.0.1"))).hasStatusOk();
		assertThat(this.mvc.get().uri("/api/v1/fleet/summary").with(from("10.0.0.1"))).hasStatusOk();

		assertThat(this.mvc.get().uri("/api/v1/fleet/summary").with(from("10.0.0.1"))).hasStatus(429)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.hasHeader("Retry-After", "100")
			.bodyJson()
			.isLenientlyEqualTo("""
					{"status":429,"title":"Rate limit exceeded","instance":"/api/v1/fleet/summary"}""");
		assertThat(this.mvc.get().uri("/api/v1/fleet/summary").with(from("10.0.0.2"))).hasStatusOk();
	}

	@Test
	void onlyQueriesUnderApiAreCounted() {
		for (int i = 0; i < 5; i++) {
			assertThat(this.mvc.get().uri("/not-the-api").with(from("10.0.0.3"))).hasStatus(404);
			assertThat(this.mvc.post().uri("/api/v1/fleet/summary").with(from("10.0.0.3"))).hasStatus(405);
		}
		assertThat(this.mvc.get().uri("/api/v1/fleet/summary").with(from("10.0.0.3"))).hasStatusOk();
	}

	private static RequestPostProcessor from(String address) {
		return (request) -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

}
