package io.fleetstream.alert;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert API's edge over real HTTP, the service running against the real broker and
 * redis-server (API served open): every malformed parameter or body field is a 400 RFC
 * 9457 problem naming it, an unknown episode or silence is a 404 problem, and a silence
 * is validated before it is stored.
 */
class AlertApiIntegrationTests {

	private static ConfigurableApplicationContext app;

	private static String base;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@BeforeAll
	static void startService() throws Exception {
		String enriched = AlertApps.unique("it.api.enriched");
		String outlier = AlertApps.unique("it.api.alerts");
		AlertApps.createTopics(enriched, outlier);
		app = AlertApps.start(AlertApps.arguments(enriched, outlier, AlertApps.unique("it-api")));
		base = AlertApps.apiUrl(app);
	}

	@AfterAll
	static void stopService() {
		app.close();
	}

	@Test
	void malformedListingParametersAreProblemsNamingTheParameter() throws Exception {
		assertInvalid(get("/api/v1/alerts?state=BURNING"), "state", "state must match");
		assertInvalid(get("/api/v1/alerts?rule=Not_A_Rule"), "rule", "rule must match");
		assertInvalid(get("/api/v1/alerts?limit=0"), "limit", "limit must be greater than or equal to 1");
		assertInvalid(get("/api/v1/alerts?limit=1001"), "limit", "limit must be less than or equal to 1000");
		assertInvalid(get("/api/v1/alerts?limit=ten"), "limit", "limit must be a whole number, was 'ten'");
		assertInvalid(get("/api/v1/alerts?since=yesterday"), "since", "since must be");
		assertInvalid(get("/api/v1/alerts?carId=" + "x".repeat(257)), "carId", "carId size must be between");
	}

	@Test
	void aWellFormedListingIsServed() throws Exception {
		HttpResponse<String> response = get(
				"/api/v1/alerts?state=FIRING&rule=crash-detected&since=2026-01-01T00:00:00Z&limit=5");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		// other tests' episodes share the redis-server: whatever is listed matches
		JsonNode listing = this.json.readTree(response.body());
		assertThat(listing.get("alerts").size()).isEqualTo(listing.get("count").asInt()).isLessThanOrEqualTo(5);
		listing.get("alerts").forEach((alert) -> {
			assertThat(alert.get("state").asString()).isEqualTo("FIRING");
			assertThat(alert.get("ruleId").asString()).isEqualTo("crash-detected");
		});
	}

	@Test
	void anEpisodeIdThatIsNotOneIs400AndAnUnknownOneIs404() throws Exception {
		assertInvalid(get("/api/v1/alerts/not-an-episode"), "episodeId", "episodeId must look like");
		HttpResponse<String> unknown = get("/api/v1/alerts/car-1~crash-detected~1764584130123");
		assertProblem(unknown, 404);
		assertThat(this.json.readTree(unknown.body()).get("detail").asString())
			.isEqualTo("No episode car-1~crash-detected~1764584130123");
	}

	@Test
	void acknowledgingNeedsWhoAndAnExistingEpisode() throws Exception {
		assertInvalid(post("/api/v1/alerts/car-1~crash-detected~1/ack", "{\"comment\":\"seen\"}"), "by",
				"by is required");
		assertProblem(post("/api/v1/alerts/car-1~crash-detected~1/ack", "{\"by\":\"kim@example.com\"}"), 404);
		assertInvalid(post("/api/v1/alerts/car-1~crash-detected~1/ack", "{\"by\":\"" + "k".repeat(201) + "\"}"), "by",
				"by size must be between");
	}

	@Test
	void aSilenceIsValidatedBeforeItIsStored() throws Exception {
		String future = Instant.now().plusSeconds(3600).toString();
		assertInvalid(post("/api/v1/silences", "{\"endsAt\":\"" + future + "\",\"comment\":\"c\",\"createdBy\":\"k\"}"),
				"carId", "a silence needs carId, rule or both");
		assertInvalid(post("/api/v1/silences",
				"{\"carId\":\"car-1\",\"endsAt\":\"2020-01-01T00:00:00Z\",\"comment\":\"c\",\"createdBy\":\"k\"}"),
				"endsAt", "endsAt must be after now");
		assertInvalid(
				post("/api/v1/silences",
						"{\"carId\":\"car-1\",\"endsAt\":\"" + future + "\",\"startsAt\":\""
								+ Instant.now().plusSeconds(7200) + "\",\"comment\":\"c\",\"createdBy\":\"k\"}"),
				"endsAt", "after startsAt");
		assertInvalid(post("/api/v1/silences",
				"{\"rule\":\"Crash Detected\",\"endsAt\":\"" + future + "\",\"comment\":\"c\",\"createdBy\":\"k\"}"),
				"rule", "rule must match");
		assertInvalid(
				post("/api/v1/silences",
						"{\"carId\":\"car-1\",\"endsAt\":\"" + future + "\",\"comment\":\" \",\"createdBy\":\"k\"}"),
				"comment", "comment must not be blank");
		assertInvalid(post("/api/v1/silences", "{\"carId\":\"car-1\",\"comment\":\"c\",\"createdBy\":\"k\"}"), "endsAt",
				"endsAt must not be null");
		assertInvalid(post("/api/v1/silences", "{\"carId\":\"car-1\",\"endsAt\":\"" + future + "\",\"comment\":\"c\"}"),
				"createdBy", "createdBy is required");
		HttpResponse<String> list = get("/api/v1/silences");
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).doesNotContain("car-1");
	}

	@Test
	void aSilenceIdThatIsNotOneIs400AndAnUnknownOneIs404() throws Exception {
		assertInvalid(get("/api/v1/silences/nope"), "id", "id must match");
		assertProblem(get("/api/v1/silences/" + UUID.randomUUID()), 404);
		HttpResponse<String> delete = this.http.send(
				HttpRequest.newBuilder(URI.create(base + "/api/v1/silences/" + UUID.randomUUID())).DELETE().build(),
				HttpResponse.BodyHandlers.ofString());
		assertProblem(delete, 404);
	}

	@Test
	void aSilenceIsCreatedReadAndEnded() throws Exception {
		String car = AlertApps.unique("api-car");
		HttpResponse<String> created = post("/api/v1/silences", "{\"carId\":\"" + car + "\",\"endsAt\":\""
				+ Instant.now().plusSeconds(3600) + "\",\"comment\":\"workshop\",\"createdBy\":\"kim@example.com\"}");
		assertThat(created.statusCode()).isEqualTo(201);
		String id = this.json.readTree(created.body()).get("id").asString();
		assertThat(created.headers().firstValue("Location")).hasValue(base + "/api/v1/silences/" + id);
		assertThat(get("/api/v1/silences/" + id).body()).contains(car).contains("kim@example.com");
		HttpResponse<String> ended = this.http.send(
				HttpRequest.newBuilder(URI.create(base + "/api/v1/silences/" + id)).DELETE().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(ended.statusCode()).isEqualTo(204);
		assertProblem(get("/api/v1/silences/" + id), 404);
	}

	private void assertInvalid(HttpResponse<String> response, String parameter, String detail) throws Exception {
		JsonNode problem = assertProblem(response, 400);
		assertThat(problem.get("parameter").asString()).as(response.body()).isEqualTo(parameter);
		assertThat(problem.get("detail").asString()).contains(detail);
	}

	private JsonNode assertProblem(HttpResponse<String> response, int status) throws Exception {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("title").asString()).isNotBlank();
		return problem;
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
