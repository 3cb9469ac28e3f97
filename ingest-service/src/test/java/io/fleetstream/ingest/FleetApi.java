package io.fleetstream.ingest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a client of the REST API sees of a {@link FixStream}'s fleet: each car's
 * position's event time ({@code ts}), from the public API only, so fault tests hold
 * whatever the Redis layout behind it.
 */
final class FleetApi {

	private static final int SEARCH_LIMIT = 1000;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String baseUrl;

	private final String carPrefix;

	/**
	 * @param carPrefix only cars whose id starts with it are the fleet's (a shared Redis
	 * holds other tests' cars too)
	 */
	FleetApi(int port, String carPrefix) {
		this.baseUrl = "http://localhost:" + port;
		this.carPrefix = carPrefix;
	}

	/**
	 * Every fleet car's {@code ts}, from one search around the fleet's centre.
	 * @throws IllegalStateException if the API did not answer 200, or the search was cut
	 * at its limit (the answer would not be the whole fleet)
	 */
	Map<String, Long> searchFleet() throws IOException, InterruptedException {
		JsonNode answer = get("/api/v1/vehicles?lat=" + FixStream.CENTRE_LAT + "&lng=" + FixStream.CENTRE_LNG
				+ "&radiusM=5000&limit=" + SEARCH_LIMIT);
		if (answer.get("count").asInt() >= SEARCH_LIMIT) {
			throw new IllegalStateException("The search returned its limit of " + SEARCH_LIMIT + " vehicles");
		}
		Map<String, Long> ts = new HashMap<>();
		for (JsonNode vehicle : answer.get("vehicles")) {
			String carId = vehicle.get("carId").asString();
			if (carId.startsWith(this.carPrefix)) {
				ts.put(carId, vehicle.get("ts").asLong());
			}
		}
		return ts;
	}

	/**
	 * Each car's {@code ts}, one {@code GET /api/v1/vehicles/{id}} per car; unknown cars
	 * are left out.
	 */
	Map<String, Long> vehicles(List<String> cars) throws IOException, InterruptedException {
		Map<String, Long> ts = new HashMap<>();
		for (String car : cars) {
			vehicle(car).ifPresent((value) -> ts.put(car, value));
		}
		return ts;
	}

	/** The car's {@code ts}, or empty if the API answers 404. */
	OptionalLong vehicle(String carId) throws IOException, InterruptedException {
		HttpResponse<String> response = send("/api/v1/vehicles/" + carId);
		if (response.statusCode() == 404) {
			return OptionalLong.empty();
		}
		return OptionalLong.of(parse(response).get("ts").asLong());
	}

	private JsonNode get(String path) throws IOException, InterruptedException {
		return parse(send(path));
	}

	private HttpResponse<String> send(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(30))
			.header("Accept", "application/json")
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode parse(HttpResponse<String> response) {
		if (response.statusCode() != 200) {
			throw new IllegalStateException(
					"HTTP " + response.statusCode() + " from " + response.uri() + ": " + response.body());
		}
		return json.readTree(response.body());
	}

}
