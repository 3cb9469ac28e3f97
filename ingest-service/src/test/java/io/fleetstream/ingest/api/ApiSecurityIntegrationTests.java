package io.fleetstream.ingest.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.fleetstream.testsupport.RealInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real ingest-service over real HTTP as an OAuth2 resource server for a token issuer
 * on this machine ({@link TestIssuer}: the service discovers its keys from the issuer's
 * metadata, as in production). Tokens are signed locally; what must hold: no token, an
 * expired, forged, wrong-issuer, wrong-audience or expiry-less token is 401 with a bearer
 * challenge; a valid token without the needed scope is 403; a valid one with it is
 * served. Also: the per-client rate limit, the request limits, and the management port
 * serving health, info and prometheus without a token and nothing else.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.kafka.listener.auto-startup=false", "fleet.kafka.create-topics=true",
				"management.server.port=0", "fleet.security.open=false",
				"fleet.security.jwt.audiences=" + TestIssuer.AUDIENCE,
				"fleet.security.jwt.token-header=X-Auth-Request-Access-Token", "fleet.security.rate-limit.enabled=true",
				"fleet.security.rate-limit.burst=3", "fleet.security.rate-limit.requests-per-second=0.01",
				// env exposed on purpose: the security allow-list alone must keep it
				// closed
				"management.endpoints.web.exposure.include=health,info,prometheus,env" })
@AutoConfigureMetrics
@RealInfrastructure
class ApiSecurityIntegrationTests {

	private static final String SUMMARY = "/api/v1/fleet/summary";

	private static final TestIssuer issuer = TestIssuer.start();

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@DynamicPropertySource
	static void issuer(DynamicPropertyRegistry registry) {
		registry.add("fleet.security.jwt.issuer-uri", issuer::uri);
	}

	@AfterAll
	static void stopIssuer() {
		issuer.close();
	}

	@Test
	void requestWithoutTokenIs401ProblemWithBearerChallenge() throws Exception {
		HttpResponse<String> response = get(SUMMARY, null);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue(
				"Bearer resource_metadata=\"http://localhost:" + this.port + "/.well-known/oauth-protected-resource\"");
		assertProblem(response, 401, "Authentication required");
	}

	@Test
	void protectedResourceMetadataNamesTheIssuerAndScopesWithoutToken() throws Exception {
		HttpResponse<String> response = get("/.well-known/oauth-protected-resource", null);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode metadata = this.json.readTree(response.body());
		assertThat(metadata.get("authorization_servers").get(0).asString()).isEqualTo(issuer.uri());
		assertThat(metadata.get("scopes_supported").toString()).contains("fleet:read", "fleet:write");
	}

	@Test
	void expiredTokenIs401() throws Exception {
		// beyond the 60 s clock skew
		Instant past = Instant.now().minus(Duration.ofMinutes(10));
		String token = issuer.token("expired")
			.scope("fleet:read")
			.issuedAt(past)
			.expiresAt(past.plus(Duration.ofMinutes(5)))
			.signed();

		assertRejectedToken(get(SUMMARY, token), "expired");
	}

	@Test
	void tokenOfAnotherIssuerIs401() throws Exception {
		String token = issuer.token("other-issuer").scope("fleet:read").issuer("https://issuer.example.org").signed();

		assertRejectedToken(get(SUMMARY, token), "iss");
	}

	@Test
	void tokenForAnotherAudienceIs401() throws Exception {
		String token = issuer.token("other-audience").scope("fleet:read").audiences("another-api").signed();

		assertRejectedToken(get(SUMMARY, token), "aud");
	}

	@Test
	void tokenSignedWithAnUnpublishedKeyIs401() throws Exception {
		String token = issuer.forgedToken("forger").scope("fleet:read").signed();

		assertRejectedToken(get(SUMMARY, token), "");
	}

	@Test
	void tokenWithoutExpiryIs401() throws Exception {
		String token = issuer.token("no-expiry").scope("fleet:read").expiresAt(null).signed();

		assertRejectedToken(get(SUMMARY, token), "exp");
	}

	@Test
	void validTokenWithoutReadScopeIs403() throws Exception {
		for (String scope : new String[] { null, "profile email", "fleet:write" }) {
			HttpResponse<String> response = get(SUMMARY, issuer.token("no-read").scope(scope).signed());

			assertThat(response.statusCode()).as("scope %s", scope).isEqualTo(403);
			assertThat(response.headers().firstValue("WWW-Authenticate")).get()
				.asString()
				.contains("error=\"insufficient_scope\"");
			assertThat(assertProblem(response, 403, "Insufficient scope").get("requiredScope").asString())
				.isEqualTo("fleet:read");
		}
	}

	@Test
	void validTokenWithReadScopeIsServed() throws Exception {
		HttpResponse<String> response = get(SUMMARY, issuer.token("reader").scope("openid fleet:read").signed());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(response.body()).has("total")).isTrue();
		HttpResponse<String> unknownCar = get("/api/v1/vehicles/it-security-unknown",
				issuer.token("reader").scope("fleet:read").signed());
		assertThat(unknownCar.statusCode()).as("past security, the API's own answer").isEqualTo(404);
	}

	@Test
	void tokenInTheProxyHeaderIsCheckedTheSameWay() throws Exception {
		String good = issuer.token("proxied").scope("fleet:read").signed();
		String forged = issuer.forgedToken("proxied").scope("fleet:read").signed();

		assertThat(send(request(SUMMARY, null).header("X-Auth-Request-Access-Token", good).GET()).statusCode())
			.isEqualTo(200);
		assertThat(send(request(SUMMARY, null).header("X-Auth-Request-Access-Token", forged).GET()).statusCode())
			.isEqualTo(401);
	}

	@Test
	void changesNeedWriteScope() throws Exception {
		HttpResponse<String> reader = send(request(SUMMARY, issuer.token("writer").scope("fleet:read").signed())
			.POST(HttpRequest.BodyPublishers.noBody()));
		HttpResponse<String> writer = send(request(SUMMARY, issuer.token("writer").scope("fleet:write").signed())
			.POST(HttpRequest.BodyPublishers.noBody()));

		assertThat(reader.statusCode()).isEqualTo(403);
		assertThat(assertProblem(reader, 403, "Insufficient scope").get("requiredScope").asString())
			.isEqualTo("fleet:write");
		assertThat(writer.statusCode()).as("past security: the summary takes no POST").isEqualTo(405);
	}

	@Test
	void openApiDocumentNeedsAValidTokenButNoScope() throws Exception {
		assertThat(get("/v3/api-docs", null).statusCode()).isEqualTo(401);
		HttpResponse<String> docs = get("/v3/api-docs", issuer.token("docs-reader").signed());
		assertThat(docs.statusCode()).isEqualTo(200);
		assertThat(docs.body()).contains("\"bearer\"").contains("fleet:read");
	}

	@Test
	void eachClientIsLimitedToItsBurstThenToldWhenToRetry() throws Exception {
		String first = issuer.token("rate-limited").scope("fleet:read").signed();
		String other = issuer.token("rate-limited-other").scope("fleet:read").signed();
		for (int i = 0; i < 3; i++) {
			assertThat(get(SUMMARY, first).statusCode()).as("request %d of the burst of 3", i + 1).isEqualTo(200);
		}
		HttpResponse<String> limited = get(SUMMARY, first);

		assertThat(limited.statusCode()).isEqualTo(429);
		// at 0.01 requests per second a token takes 100 s; the three requests took a few
		assertThat(limited.headers().firstValue("Retry-After").map(Integer::valueOf)).get()
			.satisfies((seconds) -> assertThat(seconds).isBetween(80, 100));
		assertProblem(limited, 429, "Rate limit exceeded");
		assertThat(get(SUMMARY, other).statusCode()).as("another subject has its own bucket").isEqualTo(200);
	}

	@Test
	void oversizedRequestsAreRefused() throws Exception {
		String token = issuer.token("big-requests").scope("fleet:read").signed();
		HttpResponse<String> longUri = get("/api/v1/vehicles/car-1?pad=" + "x".repeat(3000), token);
		assertThat(longUri.statusCode()).isEqualTo(414);
		assertProblem(longUri, 414, "URI too long");

		HttpResponse<String> getWithBody = send(
				request(SUMMARY, token).method("GET", HttpRequest.BodyPublishers.ofString("{\"a\":1}")));
		assertThat(getWithBody.statusCode()).isEqualTo(400);
		assertProblem(getWithBody, 400, "Body not allowed");

		HttpResponse<String> bigBody = send(request(SUMMARY, issuer.token("big-requests").scope("fleet:write").signed())
			.POST(HttpRequest.BodyPublishers.ofString("x".repeat(65 * 1024))));
		assertThat(bigBody.statusCode()).isEqualTo(413);
		assertProblem(bigBody, 413, "Request body too large");

		HttpResponse<String> hugeHeader = send(request(SUMMARY, token).header("X-Padding", "x".repeat(20 * 1024)));
		assertThat(hugeHeader.statusCode()).as("over server.max-http-request-header-size").isEqualTo(400);
	}

	@Test
	void urlsTheFirewallDistrustsAreRefusedAsProblems() throws Exception {
		HttpResponse<String> response = get("/api/v1/vehicles/car%25-1",
				issuer.token("odd").scope("fleet:read").signed());

		assertThat(response.statusCode()).isEqualTo(400);
		assertProblem(response, 400, "Request rejected");
	}

	@Test
	void managementPortServesProbesInfoAndMetricsWithoutTokenAndNothingElse() throws Exception {
		for (String path : new String[] { "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
				"/actuator/info", "/actuator/prometheus" }) {
			assertThat(management(path).statusCode()).as(path).isEqualTo(200);
		}
		for (String path : new String[] { "/actuator/env", "/actuator/beans", "/actuator", "/actuator/configprops",
				"/api/v1/fleet/summary" }) {
			assertThat(management(path).statusCode()).as(path).isEqualTo(404);
		}
	}

	@Test
	void apiPortDoesNotServeActuator() throws Exception {
		String token = issuer.token("actuator-probe").scope("fleet:read fleet:write").signed();

		assertThat(get("/actuator/health", null).statusCode()).isEqualTo(401);
		assertThat(get("/actuator/health", token).statusCode()).isEqualTo(404);
		assertThat(get("/actuator/prometheus", token).statusCode()).isEqualTo(404);
	}

	private void assertRejectedToken(HttpResponse<String> response, String reason) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).get()
			.asString()
			.startsWith("Bearer ")
			.contains("error=\"invalid_token\"");
		assertThat(assertProblem(response, 401, "Authentication required").get("detail").asString())
			.startsWith("The bearer token was rejected")
			.contains(reason);
	}

	private JsonNode assertProblem(HttpResponse<String> response, int status, String title) {
		assertThat(response.headers().firstValue("Content-Type")).get()
			.asString()
			.startsWith("application/problem+json");
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("title").asString()).isEqualTo(title);
		return problem;
	}

	private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
		return send(request(path, token).GET());
	}

	private HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Accept", "application/json");
		return (token != null) ? request.header("Authorization", "Bearer " + token) : request;
	}

	private HttpResponse<String> management(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.managementPort + path)).GET());
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
	}

}
