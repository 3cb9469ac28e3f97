package io.fleetstream.ingest.map;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.fleetstream.testsupport.RealInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live map page as a browser gets it: the page, its script and Leaflet from this
 * service (no CDN), with a Content-Security-Policy that allows scripts from this origin
 * only, and its settings, defaults relative (one host behind the ingress). (The same
 * context as {@code LiveFeedIntegrationTests}, so it is started once.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.kafka.listener.auto-startup=false", "spring.data.redis.database=8",
				"fleet.kafka.create-topics=true", "fleet.ingest.live.interval=200ms", "fleet.ingest.live.overlap=10s",
				"fleet.ingest.live.resync-interval=1h", "fleet.ingest.live.chunk-size=250",
				"fleet.ingest.live.max-subscribers=4", "fleet.ingest.live.queue-capacity=64",
				"fleet.ingest.live.heartbeat=1s" })
@RealInfrastructure
class MapPageIntegrationTests {

	private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern EVENT_HANDLER_ATTRIBUTE = Pattern.compile("\\son[a-z]+\\s*=",
			Pattern.CASE_INSENSITIVE);

	@LocalServerPort
	private int port;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void thePageIsServedWithAPolicyAllowingOnlyItsOwnScripts() throws Exception {
		HttpResponse<String> page = get("/map/");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		List<String> policies = page.headers().allValues("Content-Security-Policy");
		assertThat(policies).isNotEmpty()
			.allSatisfy((policy) -> assertThat(policy).doesNotContain("unsafe-inline", "unsafe-eval", "*"));
		assertThat(String.join(";", policies)).contains("script-src 'self'", "frame-ancestors 'none'",
				"connect-src 'self'");
		assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		// nothing the policy would block: no inline script, no inline event handler
		assertThat(INLINE_SCRIPT.matcher(page.body()).find()).isFalse();
		assertThat(EVENT_HANDLER_ATTRIBUTE.matcher(page.body()).find()).isFalse();
		assertThat(page.body()).contains("src=\"map.js\"", "src=\"leaflet/leaflet.js\"")
			.doesNotContain("http://", "https://");
	}

	@Test
	void scriptsAndTheBaseLayerAreServedFromThisService() throws Exception {
		for (String path : List.of("/map/map.js", "/map/map.css", "/map/leaflet/leaflet.js",
				"/map/leaflet/leaflet.css")) {
			HttpResponse<String> answer = get(path);
			assertThat(answer.statusCode()).as(path).isEqualTo(200);
			assertThat(answer.body()).as(path).isNotBlank();
			assertThat(answer.headers().allValues("Content-Security-Policy")).as(path).isNotEmpty();
		}
		assertThat(get("/map/leaflet/leaflet.js").body()).contains("1.9.4");
		assertThat(get("/map/map.js").body()).doesNotContain("innerHTML =", ".innerHTML=", "insertAdjacentHTML",
				"eval(", "document.write");
		JsonNode base = this.json.readTree(get("/map/seoul-base.geojson").body());
		assertThat(base.get("type").asString()).isEqualTo("FeatureCollection");
		List<String> kinds = new java.util.ArrayList<>();
		for (JsonNode feature : base.get("features")) {
			kinds.add(feature.get("properties").get("kind").asString());
		}
		assertThat(kinds).containsExactly("river", "local", "arterial", "bridge", "grid");
	}

	@Test
	void theSettingsDefaultToThePagesOwnOriginAndNoTiles() throws Exception {
		HttpResponse<String> answer = get("/map/config.json");

		assertThat(answer.statusCode()).isEqualTo(200);
		JsonNode config = this.json.readTree(answer.body());
		assertThat(config.get("enrichmentUrl").asString()).isEmpty();
		assertThat(config.get("alertUrl").asString()).isEmpty();
		assertThat(config.get("tileUrl").asString()).isEmpty();
		assertThat(config.get("silentAfterMs").asLong()).isEqualTo(15 * 60_000);
	}

	@Test
	void theBarePathRedirectsToThePage() throws Exception {
		HttpResponse<String> answer = get("/map");

		assertThat(answer.statusCode()).isEqualTo(302);
		assertThat(answer.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/map/"));
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
