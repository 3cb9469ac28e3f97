package io.fleetstream.ingest.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.fleetstream.common.gps.GpsFix;
import io.fleetstream.ingest.api.ApiClient.Answer;
import io.fleetstream.ingest.position.PositionKeys;
import io.fleetstream.ingest.position.PositionWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Radius, box and single-vehicle queries over real HTTP against positions written by the
 * real {@link PositionWriter}, run on a standalone redis-server and on a Redis Cluster by
 * the subclasses. Each test seeds its own cars at its own site, 20 km from the others, so
 * the tests do not see each other's cars.
 */
abstract class VehicleQueryScenarios {

	/** Redis geo coordinates are stored at ~0.6 m precision; distances match to 1 m. */
	private static final double DISTANCE_TOLERANCE_M = 1.0;

	@LocalServerPort
	private int port;

	@Autowired
	private JsonMapper json;

	@Autowired
	protected PositionWriter writer;

	@Autowired
	protected PositionKeys keys;

	protected ApiClient api;

	/** Where this class's test sites are, far from any other test's cars. */
	abstract double[] origin();

	@BeforeEach
	void createClient() {
		this.api = new ApiClient(this.port, this.json);
	}

	@Test
	void radiusSearchReturnsExactlyTheCarsWithinTheRadiusNearestFirst() {
		double[] site = site(1);
		List<Car> inside = List.of(car("radius-a", site, 100, 0), car("radius-b", site, 0, 450),
				car("radius-c", site, -1200, -900), car("radius-d", site, 1950, 0));
		seed(inside);
		seed(List.of(car("radius-e", site, 0, 2100), car("radius-f", site, -5000, 0)));
		assertThat(inside.stream().map((car) -> this.keys.shardOf(car.id())).collect(Collectors.toSet()))
			.as("the cars are spread over several shards, so the fan-out is exercised")
			.hasSizeGreaterThan(2);

		Answer answer = this.api.get(radius(site, 2000, 100));

		assertThat(answer.status()).isEqualTo(200);
		assertFoundNearestFirst(answer.body(), inside, site);
	}

	@Test
	void radiusSearchKeepsOnlyTheNearestUpToTheLimit() {
		double[] site = site(2);
		List<Car> cars = List.of(car("limit-a", site, 300, 0), car("limit-b", site, 0, -700),
				car("limit-c", site, -1000, 0), car("limit-d", site, 0, 1300), car("limit-e", site, 1600, 0));
		seed(cars);

		Answer answer = this.api.get(radius(site, 5000, 2));

		assertFoundNearestFirst(answer.body(), cars.subList(0, 2), site);
	}

	@Test
	void boxSearchReturnsExactlyTheCarsInsideTheBoxNearestToItsCentreFirst() {
		double[] site = site(3);
		double[] southWest = TestGeo.offset(site[0], site[1], -1000, -1500);
		double[] northEast = TestGeo.offset(site[0], site[1], 1000, 1500);
		double minLat = southWest[0], minLng = southWest[1], maxLat = northEast[0], maxLng = northEast[1];
		List<Car> inside = List.of(car("box-a", site, 100, 100), car("box-b", site, -900, 1400),
				car("box-c", site, 950, -1450), new Car(id("box-ne-corner"), maxLat - 0.00005, maxLng - 0.0001),
				new Car(id("box-sw-corner"), minLat + 0.00005, minLng + 0.0001));
		List<Car> outside = List.of(car("box-north", site, 1100, 0), car("box-east", site, 0, 1600),
				car("box-west", site, 0, -1600), car("box-south", site, -1100, 500),
				new Car(id("box-just-east"), maxLat - 0.00005, maxLng + 0.00005),
				new Car(id("box-just-north"), maxLat + 0.00003, site[1]),
				new Car(id("box-just-west"), minLat + 0.00005, minLng - 0.00005));
		seed(inside);
		seed(outside);

		Answer answer = this.api.get(box(minLng, minLat, maxLng, maxLat, 100));

		assertThat(answer.status()).isEqualTo(200);
		assertFoundNearestFirst(answer.body(), inside, new double[] { (minLat + maxLat) / 2, (minLng + maxLng) / 2 });
	}

	@Test
	void boxSearchLooksPastNearerCarsJustOutsideTheBox() {
		double[] site = site(4);
		double[] southWest = TestGeo.offset(site[0], site[1], -200, -2000);
		double[] northEast = TestGeo.offset(site[0], site[1], 200, 2000);
		String outsideId = id("past-outside");
		int shard = this.keys.shardOf(outsideId);
		Car outside = new Car(outsideId, northEast[0] + 0.00002, site[1]);
		Car inside = new Car(idInShard("past-inside", shard), site[0], northEast[1] - 0.0005);
		seed(List.of(outside, inside));

		Answer answer = this.api.get(box(southWest[1], southWest[0], northEast[1], northEast[0], 1));

		assertThat(ids(answer.body())).containsExactly(inside.id());
	}

	@Test
	void vehicleAnswersItsLatestStoredFix() {
		long ts = System.currentTimeMillis() - 2000;
		double[] site = site(5);
		String id = id("single");
		this.writer.write(List.of(new GpsFix(id, site[0], site[1], ts - 1000, 10.0, 90.0, ts),
				new GpsFix(id, site[0] + 0.001, site[1], ts, 42.5, 180.0, ts)));

		Answer answer = this.api.get("/api/v1/vehicles/" + id);

		assertThat(answer.status()).isEqualTo(200);
		JsonNode vehicle = answer.body();
		assertThat(vehicle.get("carId").asString()).isEqualTo(id);
		assertThat(vehicle.get("lat").asDouble()).isEqualTo(site[0] + 0.001);
		assertThat(vehicle.get("lng").asDouble()).isEqualTo(site[1]);
		assertThat(vehicle.get("ts").asLong()).isEqualTo(ts);
		assertThat(vehicle.get("time").asString()).isEqualTo(java.time.Instant.ofEpochMilli(ts).toString());
		assertThat(vehicle.get("speedKmh").asDouble()).isEqualTo(42.5);
		assertThat(vehicle.get("heading").asDouble()).isEqualTo(180.0);
		assertThat(vehicle.get("ageSeconds").asLong()).isBetween(1L, 60L);
		assertThat(vehicle.get("geoIndexed").asBoolean()).isTrue();
	}

	@Test
	void unknownVehicleIsA404Problem() {
		Answer answer = this.api.get("/api/v1/vehicles/" + id("never-seen"));

		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(answer.body().get("detail").asString()).contains(id("never-seen"));
	}

	@Test
	void searchAnswersGeoJsonWhenAsked() {
		double[] site = site(6);
		Car car = car("geojson", site, 10, 10);
		seed(List.of(car));

		Answer answer = this.api.get(radius(site, 100, 10), "application/geo+json");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.contentType()).startsWith("application/geo+json");
		JsonNode feature = answer.body().get("features").get(0);
		assertThat(answer.body().get("type").asString()).isEqualTo("FeatureCollection");
		assertThat(feature.get("id").asString()).isEqualTo(car.id());
		assertThat(feature.get("geometry").get("coordinates").get(0).asDouble()).isEqualTo(car.lng());
		assertThat(feature.get("geometry").get("coordinates").get(1).asDouble()).isEqualTo(car.lat());
	}

	protected String id(String name) {
		return getClass().getSimpleName() + "-" + name;
	}

	protected double[] site(int number) {
		return TestGeo.offset(origin()[0], origin()[1], 20_000 * number, 0);
	}

	protected void seed(List<Car> cars) {
		long ts = System.currentTimeMillis() - 1000;
		this.writer
			.write(cars.stream().map((car) -> new GpsFix(car.id(), car.lat(), car.lng(), ts, 30.0, 90.0, ts)).toList());
	}

	private Car car(String name, double[] site, double northM, double eastM) {
		double[] point = TestGeo.offset(site[0], site[1], northM, eastM);
		return new Car(id(name), point[0], point[1]);
	}

	private String idInShard(String name, int shard) {
		for (int i = 0;; i++) {
			String id = id(name + "-" + i);
			if (this.keys.shardOf(id) == shard) {
				return id;
			}
		}
	}

	private void assertFoundNearestFirst(JsonNode body, List<Car> expected, double[] centre) {
		List<Car> nearestFirst = new ArrayList<>(expected);
		nearestFirst.sort(Comparator.comparingDouble((car) -> car.distanceFrom(centre)));
		assertThat(ids(body)).containsExactlyElementsOf(nearestFirst.stream().map(Car::id).toList());
		assertThat(body.get("count").asInt()).isEqualTo(expected.size());
		for (int i = 0; i < nearestFirst.size(); i++) {
			JsonNode vehicle = body.get("vehicles").get(i);
			Car car = nearestFirst.get(i);
			assertThat(vehicle.get("distanceM").asDouble()).as(car.id())
				.isCloseTo(car.distanceFrom(centre), within(DISTANCE_TOLERANCE_M));
			assertThat(vehicle.get("lat").asDouble()).isEqualTo(car.lat());
			assertThat(vehicle.get("lng").asDouble()).isEqualTo(car.lng());
			assertThat(vehicle.get("speedKmh").asDouble()).isEqualTo(30.0);
		}
	}

	private static List<String> ids(JsonNode body) {
		List<String> ids = new ArrayList<>();
		body.get("vehicles").forEach((vehicle) -> ids.add(vehicle.get("carId").asString()));
		return ids;
	}

	private static String radius(double[] centre, double radiusM, int limit) {
		return "/api/v1/vehicles?lat=" + centre[0] + "&lng=" + centre[1] + "&radiusM=" + radiusM + "&limit=" + limit;
	}

	private static String box(double minLng, double minLat, double maxLng, double maxLat, int limit) {
		return "/api/v1/vehicles?bbox=" + minLng + "," + minLat + "," + maxLng + "," + maxLat + "&limit=" + limit;
	}

	record Car(String id, double lat, double lng) {

		double distanceFrom(double[] point) {
			return TestGeo.distanceM(point[0], point[1], this.lat, this.lng);
		}

	}

}
