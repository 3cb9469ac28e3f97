package io.fleetstream.ingest.api;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.fleetstream.ingest.IngestProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.then;

/**
 * The service starts while its token issuer is unreachable (port 1 on the loopback
 * address: nothing listens); a token it cannot check is answered 503 with
 * {@code Retry-After}, not 401, and nothing reaches Redis.
 */
@WebMvcTest(controllers = { VehicleController.class, FleetController.class },
		properties = { "fleet.security.open=false", "fleet.security.jwt.issuer-uri=http://127.0.0.1:1/issuer",
				"fleet.security.jwt.audiences=" + TestIssuer.AUDIENCE })
@EnableConfigurationProperties(IngestProperties.class)
class IssuerUnavailableTests {

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private FleetQueries queries;

	@Test
	void tokenThatCannotBeCheckedIs503() {
		try (TestIssuer issuer = TestIssuer.start()) {
			String token = issuer.token("operator").scope("fleet:read").signed();

			assertThat(this.mvc.get().uri("/api/v1/fleet/summary").header("Authorization", "Bearer " + token))
				.hasStatus(503)
				.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
				.hasHeader("Retry-After", "5")
				.bodyJson()
				.extractingPath("$.title")
				.isEqualTo("Token issuer unavailable");
		}
		then(this.queries).shouldHaveNoInteractions();
	}

	@Test
	void requestWithoutTokenIsStill401() {
		assertThat(this.mvc.get().uri("/api/v1/fleet/summary")).hasStatus(401)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

}
