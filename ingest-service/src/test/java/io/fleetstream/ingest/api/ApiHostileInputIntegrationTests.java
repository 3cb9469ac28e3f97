package io.fleetstream.ingest.api;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.fleetstream.common.gps.GpsFix;
import io.fleetstream.ingest.api.RawHttp.Answer;
import io.fleetstream.ingest.position.PositionWriter;
import io.fleetstream.testsupport.RealInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and ambiguous requests, written byte for byte over real HTTP to the running
 * service on a real redis-server. Must hold: every refusal is an RFC 9457 problem
 * ({@code application/problem+json} with the status in the body), none is a 500 or
 * Tomcat's HTML page; repeated parameters and Java number literals are refused, not
 * guessed; the {@code Host} header does not reach the OpenAPI document; API answers carry
 * the security headers; Swagger UI and the OpenAPI document are not on the management
 * port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.kafka.listener.auto-startup=false", "management.server.port=0",
				"fleet.kafka.create-topics=true" })
@RealInfrastructure
class ApiHostileInputIntegrationTests {

	private static final String CAR = "hostile-car-1";

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private PositionWriter writer;

	@Test
	void trackSinceBeyondEpochMillisecondsIs400NotAnOverflow() {
		long ts = System.currentTimeMillis();
		this.writer.write(List.of(new GpsFix(CAR, 37.55, 126.97, ts, null, null, ts)));

		for (String since : new String[] { "%2B999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
				"99999999999999999999" }) {
			Answer answer = get("/api/v1/vehicles/" + CAR + "/track?since=" + since);

			assertProblem(answer, 400, "Invalid request parameter");
			assertThat(answer.json().get("parameter").asString()).isEqualTo("since");
		}
		assertThat(get("/api/v1/vehicles/" + CAR + "/track?since=2000-01-01T00:00:00Z").status()).isEqualTo(200);
	}

	@Test
	void errorPathAskedDirectlyIsA404Problem() {
		assertProblem(get("/error"), 404, "Not Found");
	}

	@ParameterizedTest
	@ValueSource(strings = { "@@@", "text/html", "image/png" })
	void acceptThatAllowsNothingWeWriteIsA406Problem(String accept) {
		Answer answer = get("/api/v1/vehicles/car-1", "Accept: " + accept);

		assertProblem(answer, 406, "Not Acceptable");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/vehicles/a%2Fb", "/api/v1/vehicles/a%00b", "/api/v1/vehicles/%zz",
			"/api/v1/vehicles/a b", "/api/v1/vehicles/a%5Cb" })
	void urlsTomcatRefusesAre400Problems(String target) {
		Answer answer = get(target);

		assertProblem(answer, 400, null);
		assertThat(answer.body()).doesNotContain("<html", "Tomcat");
	}

	@Test
	void tenKilobyteIdIs414Problem() {
		assertProblem(get("/api/v1/vehicles/" + "a".repeat(10_000)), 414, "URI too long");
	}

	@Test
	void hundredKilobyteQueryIs400ProblemFromTheContainer() {
		Answer answer = get("/api/v1/vehicles?x=" + "b".repeat(100_000));

		assertProblem(answer, 400, "Bad Request");
		assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/vehicles?lat=37.55&lat=95&lng=126.97&radiusM=100",
			"/api/v1/vehicles?bbox=126.9,37.5,127.0,37.6&bbox=1,2,3,4", "/api/v1/vehicles/car-1?limit=1&limit=2",
			"/api/v1/vehicles?lat=37.55&lng=126.97&radiusM=100&l%61t=95" })
	void repeatedQueryParameterIs400Problem(String target) {
		Answer answer = get(target);

		assertProblem(answer, 400, "Repeated parameter");
		assertThat(answer.json().get("parameter").asString()).isIn("lat", "bbox", "limit");
	}

	@ParameterizedTest
	@ValueSource(strings = { "lat=0x1.2cp5", "lat=37.55d", "lat=37.55f", "lat=NaN", "lat=Infinity", "lat=%2037.55",
			"lat=1_0", "radiusM=1e3d", "lng=0x7e" })
	void javaNumberLiteralsAre400Problems(String odd) {
		String name = odd.substring(0, odd.indexOf('='));
		StringBuilder query = new StringBuilder(odd);
		for (String valid : new String[] { "lat=37.55", "lng=126.97", "radiusM=100" }) {
			if (!valid.startsWith(name + "=")) {
				query.append('&').append(valid);
			}
		}
		Answer answer = get("/api/v1/vehicles?" + query);

		assertProblem(answer, 400, "Invalid request parameter");
		assertThat(answer.json().get("parameter").asString()).isEqualTo(name);
	}

	@ParameterizedTest
	@ValueSource(strings = { "limit=0x10", "limit=%2310", "limit=10L" })
	void javaIntegerLiteralsAre400Problems(String odd) {
		Answer answer = get("/api/v1/vehicles?lat=37.55&lng=126.97&radiusM=100&" + odd);

		assertProblem(answer, 400, "Invalid request parameter");
		assertThat(answer.json().get("parameter").asString()).isEqualTo("limit");
	}

	@Test
	void plainDecimalsInEveryFormStillSearch() {
		for (String query : new String[] { "lat=37.55&lng=126.97&radiusM=100", "lat=%2B37.55&lng=126.970&radiusM=1e2",
				"lat=-37.55&lng=126&radiusM=100.0&limit=010" }) {
			assertThat(get("/api/v1/vehicles?" + query).status()).as(query).isEqualTo(200);
		}
	}

	@Test
	void hostHeaderIsNotEchoedIntoTheOpenApiDocument() {
		Answer answer = get("/v3/api-docs", "Host: evil.example.com", "X-Forwarded-Host: evil2.example.com");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).doesNotContain("evil");
		JsonNode servers = answer.json().get("servers");
		assertThat(servers).hasSize(1);
		assertThat(servers.get(0).get("url").asString()).isEqualTo("/");
	}

	@Test
	void apiAnswersCarrySecurityHeaders() {
		for (Answer answer : new Answer[] { get("/api/v1/fleet/summary"), get("/api/v1/vehicles/no-such-car"),
				get("/v3/api-docs") }) {
			assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
			assertThat(answer.header("Cache-Control")).contains("no-store");
			assertThat(answer.header("Content-Security-Policy")).isEqualTo("frame-ancestors 'none'");
			assertThat(answer.header("X-Frame-Options")).isEqualTo("DENY");
		}
	}

	@Test
	void managementPortServesNeitherSwaggerUiNorTheOpenApiDocument() {
		assertThat(get("/swagger-ui/index.html").status()).isEqualTo(200);
		for (String path : new String[] { "/swagger-ui/index.html", "/swagger-ui.html", "/v3/api-docs",
				"/actuator/swagger-ui", "/actuator/openapi" }) {
			Answer answer = RawHttp.get(this.managementPort, path);

			assertThat(answer.status()).as(path).isEqualTo(404);
			assertThat(answer.body()).as(path).doesNotContain("swagger", "openapi");
		}
	}

	private Answer get(String target, String... headers) {
		return RawHttp.get(this.port, target, headers);
	}

	private static void assertProblem(Answer answer, int status, String title) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(status);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		JsonNode problem = answer.json();
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("detail").asString()).isNotBlank();
		if (title != null) {
			assertThat(problem.get("title").asString()).isEqualTo(title);
		}
	}

}
