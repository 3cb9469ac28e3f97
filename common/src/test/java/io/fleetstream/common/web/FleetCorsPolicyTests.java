package io.fleetstream.common.web;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.DefaultCorsProcessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cross-origin access is off by default, and when configured allows only the named
 * origins, reads everywhere under /api/ and POST only on the configured paths.
 */
class FleetCorsPolicyTests {

	private static final String MAP = "http://localhost:8080";

	@Test
	void noOriginConfiguredMeansNoCors() {
		assertThat(new FleetCorsPolicy(properties(List.of(), List.of())).source()).isEmpty();
	}

	@Test
	void aConfiguredOriginMayReadTheApi() throws Exception {
		CorsConfigurationSource source = source();

		MockHttpServletResponse response = preflight(source, "/api/v1/cars/car-00001", MAP, "GET");
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getHeader("Access-Control-Allow-Origin")).isEqualTo(MAP);
		assertThat(response.getHeader("Access-Control-Allow-Credentials")).isNull();
	}

	@Test
	void anotherOriginIsRefused() throws Exception {
		MockHttpServletResponse response = preflight(source(), "/api/v1/cars/car-00001", "http://evil.example", "GET");

		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getHeader("Access-Control-Allow-Origin")).isNull();
	}

	@Test
	void postIsAllowedOnlyOnTheConfiguredPaths() throws Exception {
		CorsConfigurationSource source = source();

		assertThat(preflight(source, "/api/v1/alerts/car~rule~1/ack", MAP, "POST").getStatus()).isEqualTo(200);
		assertThat(preflight(source, "/api/v1/silences", MAP, "POST").getStatus()).isEqualTo(403);
		assertThat(preflight(source, "/api/v1/alerts/car~rule~1/ack", MAP, "DELETE").getStatus()).isEqualTo(403);
	}

	@Test
	void nothingOutsideTheApiIsShared() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/health");
		request.addHeader("Origin", MAP);

		assertThat(source().getCorsConfiguration(request)).isNull();
	}

	private static CorsConfigurationSource source() {
		return new FleetCorsPolicy(properties(List.of(MAP), List.of("/api/v1/alerts/*/ack"))).source().orElseThrow();
	}

	private static MockHttpServletResponse preflight(CorsConfigurationSource source, String path, String origin,
			String method) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("OPTIONS", path);
		request.setRequestURI(path);
		request.addHeader("Origin", origin);
		request.addHeader("Access-Control-Request-Method", method);
		request.addHeader("Access-Control-Request-Headers", "Content-Type");
		MockHttpServletResponse response = new MockHttpServletResponse();
		CorsConfiguration configuration = source.getCorsConfiguration(request);
		if (configuration == null) {
			response.setStatus(403);
			return response;
		}
		new DefaultCorsProcessor().processRequest(configuration, request, response);
		return response;
	}

	private static FleetCorsProperties properties(List<String> origins, List<String> postPaths) {
		return new FleetCorsProperties(origins, postPaths, Duration.ofMinutes(30));
	}

}
