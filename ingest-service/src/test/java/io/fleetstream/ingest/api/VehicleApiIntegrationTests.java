package io.fleetstream.ingest.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.fleetstream.common.gps.GpsFix;
import io.fleetstream.ingest.api.ApiClient.Answer;
import io.fleetstream.testsupport.RealInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST API on a real redis-server over real HTTP. Its Redis database (7) is its own,
 * so the fleet summary can be checked exactly; the Kafka listener stays stopped, the
 * positions are written by the real {@code PositionWriter}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.kafka.listener.auto-startup=false", "spring.data.redis.database=7",
				"fleet.kafka.create-topics=true" })
@RealInfrastructure
class VehicleApiIntegrationTests extends VehicleQueryScenarios {

	@Autowired
	private StringRedisTemplate redis;

	@Override
	double[] origin() {
		return new double[] { 64.1750, -51.7350 };
	}

	@Test
	void trackIsNewestFirstAndStartsAtSince() {
		String id = id("track");
		long base = System.currentTimeMillis() - 60_000;
		List<GpsFix> fixes = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			fixes.add(new GpsFix(id, 64.0 + i * 0.001, -51.0, base + i * 1000, (i == 0) ? null : 10.0 * i, null, base));
		}
		this.writer.write(List.of(fixes.get(3), fixes.get(0), fixes.get(5), fixes.get(1), fixes.get(4), fixes.get(2)));

		assertThat(trackTimes("/api/v1/vehicles/" + id + "/track")).containsExactly(base + 5000, base + 4000,
				base + 3000, base + 2000, base + 1000, base);
		assertThat(trackTimes("/api/v1/vehicles/" + id + "/track?since=" + (base + 3000))).containsExactly(base + 5000,
				base + 4000, base + 3000);
		assertThat(trackTimes("/api/v1/vehicles/" + id + "/track?since=" + Instant.ofEpochMilli(base + 4000)))
			.containsExactly(base + 5000, base + 4000);
		assertThat(trackTimes("/api/v1/vehicles/" + id + "/track?limit=2")).containsExactly(base + 5000, base + 4000);

		JsonNode oldest = this.api.get("/api/v1/vehicles/" + id + "/track").body().get("points").get(5);
		assertThat(oldest.get("lat").asDouble()).isEqualTo(64.0);
		assertThat(oldest.has("speedKmh")).isFalse();
		assertThat(oldest.has("heading")).isFalse();
	}

	@Test
	void trackOfUnknownCarIsA404Problem() {
		Answer answer = this.api.get("/api/v1/vehicles/" + id("no-track") + "/track");

		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.contentType()).startsWith("application/problem+json");
	}

	@Test
	void summaryCountsReportingAndSilentCars() {
		this.redis.execute((org.springframework.data.redis.core.RedisCallback<Void>) (connection) -> {
			connection.serverCommands().flushDb();
			return null;
		});
		long now = System.currentTimeMillis();
		List<GpsFix> fixes = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			fixes.add(new GpsFix(id("summary-reporting-" + i), 10, 10 + i * 0.01, now - 60_000, null, null, now));
		}
		for (int i = 0; i < 4; i++) {
			fixes.add(new GpsFix(id("summary-silent-" + i), 10, 20 + i * 0.01, now - 600_000, null, null, now));
		}
		this.writer.write(fixes);

		JsonNode summary = this.api.get("/api/v1/fleet/summary").body();

		assertThat(summary.get("total").asLong()).isEqualTo(11);
		assertThat(summary.get("reporting").asLong()).isEqualTo(7);
		assertThat(summary.get("silent").asLong()).isEqualTo(4);
		assertThat(summary.get("reportingWindow").asString()).isEqualTo("PT5M");
	}

	@Test
	void carBeyondTheGeoIndexLimitIsServedButNotFoundBySearches() {
		String id = id("polar");
		long ts = System.currentTimeMillis();
		this.writer.write(List.of(new GpsFix(id, 86.0, 10.0, ts, null, null, ts)));

		JsonNode vehicle = this.api.get("/api/v1/vehicles/" + id).body();
		Answer search = this.api.get("/api/v1/vehicles?bbox=9,84,11,90&limit=10");

		assertThat(vehicle.get("geoIndexed").asBoolean()).isFalse();
		assertThat(vehicle.get("lat").asDouble()).isEqualTo(86.0);
		assertThat(search.status()).isEqualTo(200);
		assertThat(search.body().get("count").asInt()).isZero();
	}

	@Test
	void openApiDocumentDescribesEveryOperationAndBothRepresentations() {
		Answer answer = this.api.get("/v3/api-docs");

		assertThat(answer.status()).isEqualTo(200);
		JsonNode paths = answer.body().get("paths");
		assertThat(paths.propertyNames()).contains("/api/v1/vehicles", "/api/v1/vehicles/{id}",
				"/api/v1/vehicles/{id}/track", "/api/v1/fleet/summary");
		JsonNode search = paths.get("/api/v1/vehicles").get("get");
		assertThat(search.get("responses").get("200").get("content").propertyNames()).contains("application/json",
				"application/geo+json");
		assertThat(search.get("responses").has("400")).isTrue();
		List<String> parameters = new ArrayList<>();
		search.get("parameters").forEach((parameter) -> parameters.add(parameter.get("name").asString()));
		assertThat(parameters).containsExactlyInAnyOrder("lat", "lng", "radiusM", "bbox", "limit");
		assertThat(this.api.get("/swagger-ui/index.html", "text/html").status()).isEqualTo(200);
	}

	private List<Long> trackTimes(String uri) {
		Answer answer = this.api.get(uri);
		assertThat(answer.status()).as(answer.text()).isEqualTo(200);
		List<Long> times = new ArrayList<>();
		answer.body().get("points").forEach((point) -> times.add(point.get("ts").asLong()));
		return times;
	}

}
