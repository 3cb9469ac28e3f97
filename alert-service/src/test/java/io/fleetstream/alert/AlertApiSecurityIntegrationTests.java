package io.fleetstream.alert;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert API with authentication on (a token issuer on this machine,
 * {@link TestIssuer}): reads need scope {@code fleet:read}; acknowledgements and silences
 * need {@code fleet:write} (403 without it, 401 without a token), and the user they
 * record is the token's subject, not what the body claims.
 */
class AlertApiSecurityIntegrationTests {

	private static final TestIssuer issuer = TestIssuer.start();

	private static ConfigurableApplicationContext app;

	private static String base;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startService() throws Exception {
		String enriched = AlertApps.unique("it.auth.enriched");
		String outlier = AlertApps.unique("it.auth.alerts");
		AlertApps.createTopics(enriched, outlier);
		List<String> arguments = AlertApps.arguments(enriched, outlier, AlertApps.unique("it-auth"),
				"--fleet.security.jwt.issuer-uri=" + issuer.uri(),
				"--fleet.security.jwt.audiences=" + TestIssuer.AUDIENCE);
		arguments.removeIf((argument) -> argument.startsWith("--fleet.security.open="));
		app = AlertApps.start(arguments);
		base = AlertApps.apiUrl(app);
	}

	@AfterAll
	static void stopService() {
		app.close();
		issuer.close();
	}

	@Test
	void readsNeedTheReadScope() throws Exception {
		assertThat(send("GET", "/api/v1/alerts", null, null).statusCode()).isEqualTo(401);
		assertThat(send("GET", "/api/v1/alerts", issuer.token("viewer", "fleet:read"), null).statusCode())
			.isEqualTo(200);
		assertThat(send("GET", "/api/v1/rules", issuer.token("viewer", "fleet:read"), null).statusCode())
			.isEqualTo(200);
	}

	@Test
	void acknowledgementsAndSilencesNeedTheWriteScope() throws Exception {
		String readOnly = issuer.token("viewer", "fleet:read");
		HttpResponse<String> silence = send("POST", "/api/v1/silences", readOnly, silenceBody("read-only-car"));
		assertThat(silence.statusCode()).as(silence.body()).isEqualTo(403);
		assertThat(silence.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(send("POST", "/api/v1/alerts/car-1~crash-detected~1/ack", readOnly, "{}").statusCode())
			.isEqualTo(403);
		assertThat(send("DELETE", "/api/v1/silences/00000000-0000-0000-0000-000000000000", readOnly, null).statusCode())
			.isEqualTo(403);
		assertThat(send("POST", "/api/v1/silences", null, silenceBody("read-only-car")).statusCode()).isEqualTo(401);
		assertThat(send("GET", "/api/v1/silences", readOnly, null).body()).doesNotContain("read-only-car");
	}

	@Test
	void aWriterCreatesASilenceRecordedAsTheTokensSubject() throws Exception {
		String writer = issuer.token("kim@example.com", "fleet:read fleet:write");
		HttpResponse<String> created = send("POST", "/api/v1/silences", writer, silenceBody("writer-car"));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(JsonMapper.builder().build().readTree(created.body()).get("createdBy").asString())
			.isEqualTo("kim@example.com");
		// authorised, so the answer is about the episode: there is none
		assertThat(send("POST", "/api/v1/alerts/car-1~crash-detected~1/ack", writer, "{}").statusCode()).isEqualTo(404);
	}

	private static String silenceBody(String carId) {
		return "{\"carId\":\"" + carId + "\",\"endsAt\":\"" + Instant.now().plusSeconds(3600)
				+ "\",\"comment\":\"workshop\",\"createdBy\":\"someone-else\"}";
	}

	private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
