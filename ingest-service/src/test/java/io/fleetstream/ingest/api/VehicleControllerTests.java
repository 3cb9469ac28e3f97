package io.fleetstream.ingest.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.lettuce.core.RedisCommandTimeoutException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.fleetstream.ingest.IngestProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;

/**
 * The vehicle endpoints' answers and content negotiation, with the Redis reads replaced
 * by a mock.
 */
@WebMvcTest({ VehicleController.class, FleetController.class })
@EnableConfigurationProperties(IngestProperties.class)
class VehicleControllerTests {

	private static final Instant FIX_TIME = Instant.parse("2025-11-22T08:26:40.123Z");

	private static final VehiclePosition CAR = new VehiclePosition("car-1", 37.5665, 126.978, FIX_TIME.toEpochMilli(),
			FIX_TIME, 42.5, 180.0, 3, true, null);

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private FleetQueries queries;

	@Test
	void vehicleAnswersItsLatestPositionAsJson() {
		given(this.queries.vehicle("car-1")).willReturn(Optional.of(CAR));
		assertThat(this.mvc.get().uri("/api/v1/vehicles/car-1")).hasStatusOk()
			.hasContentType(MediaType.APPLICATION_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"carId":"car-1","lat":37.5665,"lng":126.978,"ts":1763800000123,
					 "time":"2025-11-22T08:26:40.123Z","speedKmh":42.5,"heading":180.0,"ageSeconds":3,
					 "geoIndexed":true}""")
			.doesNotHavePath("$.distanceM");
	}

	@Test
	void vehicleWithoutSpeedOrHeadingOmitsThem() {
		given(this.queries.vehicle("car-1")).willReturn(Optional
			.of(new VehiclePosition("car-1", 1.5, 2.5, FIX_TIME.toEpochMilli(), FIX_TIME, null, null, 0, true, null)));
		assertThat(this.mvc.get().uri("/api/v1/vehicles/car-1")).hasStatusOk()
			.bodyJson()
			.doesNotHavePath("$.speedKmh")
			.doesNotHavePath("$.heading");
	}

	@Test
	void vehicleAsGeoJsonIsAPointFeatureWithLngLat() {
		given(this.queries.vehicle("car-1")).willReturn(Optional.of(CAR));
		assertThat(this.mvc.get().uri("/api/v1/vehicles/car-1").accept("application/geo+json")).hasStatusOk()
			.hasContentType("application/geo+json")
			.bodyJson()
			.isLenientlyEqualTo("""
					{"type":"Feature","id":"car-1",
					 "geometry":{"type":"Point","coordinates":[126.978,37.5665]},
					 "properties":{"carId":"car-1","ts":1763800000123,"time":"2025-11-22T08:26:40.123Z",
					  "speedKmh":42.5,"heading":180.0,"ageSeconds":3,"geoIndexed":true}}""");
	}

	@Test
	void vehiclePrefersJsonWhenTheClientAcceptsAnything() {
		given(this.queries.vehicle("car-1")).willReturn(Optional.of(CAR));
		assertThat(this.mvc.get().uri("/api/v1/vehicles/car-1").accept(MediaType.ALL)).hasStatusOk()
			.hasContentType(MediaType.APPLICATION_JSON);
		assertThat(this.mvc.get().uri("/api/v1/vehicles/car-1")).hasStatusOk()
			.hasContentType(MediaType.APPLICATION_JSON);
	}

	@Test
	void unknownCarIsA404Problem() {
		given(this.queries.vehicle("car-9")).willReturn(Optional.empty());
		assertThat(this.mvc.get().uri("/api/v1/vehicles/car-9")).hasStatus(404)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"status":404,"title":"Vehicle not found","detail":"No position is stored for car 'car-9'",
					 "instance":"/api/v1/vehicles/car-9","carId":"car-9"}""");
	}

	@Test
	void unknownCarAskedAsGeoJsonIsStillAProblem() {
		given(this.queries.vehicle("car-9")).willReturn(Optional.empty());
		assertThat(this.mvc.get().uri("/api/v1/vehicles/car-9").accept("application/geo+json")).hasStatus(404)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void unsupportedAcceptIsA406Problem() {
		assertThat(this.mvc.get().uri("/api/v1/vehicles/car-1").accept(MediaType.TEXT_HTML)).hasStatus(406)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo(406);
		assertThat(this.mvc.get().uri("/api/v1/vehicles?lat=1&lng=2&radiusM=3").accept(MediaType.TEXT_PLAIN))
			.hasStatus(406);
		then(this.queries).shouldHaveNoInteractions();
	}

	@Test
	void radiusSearchAsksForACircleWithTheDefaultLimit() {
		VehiclePosition found = CAR.withDistance(152.25);
		given(this.queries.search(any(), anyInt())).willReturn(List.of(found));
		assertThat(this.mvc.get().uri("/api/v1/vehicles?lat=37.5&lng=126.9&radiusM=2000")).hasStatusOk()
			.hasContentType(MediaType.APPLICATION_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"count":1,"vehicles":[{"carId":"car-1","lat":37.5665,"lng":126.978,"distanceM":152.25}]}""");
		then(this.queries).should().search(new SearchArea.Circle(37.5, 126.9, 2000), 100);
	}

	@Test
	void boxSearchAsksForTheBoxWithTheGivenLimit() {
		given(this.queries.search(any(), anyInt())).willReturn(List.of());
		assertThat(this.mvc.get().uri("/api/v1/vehicles?bbox=126.95, 37.55,127.0,37.58&limit=7")).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("""
					{"count":0,"vehicles":[]}""");
		then(this.queries).should().search(new SearchArea.Box(126.95, 37.55, 127.0, 37.58), 7);
	}

	@Test
	void searchAsGeoJsonIsAFeatureCollectionNearestFirst() {
		given(this.queries.search(any(), anyInt())).willReturn(List.of(CAR.withDistance(10),
				new VehiclePosition("car-2", 37.6, 127.1, 1, Instant.ofEpochMilli(1), null, null, 9, true, 20.0)));
		assertThat(
				this.mvc.get().uri("/api/v1/vehicles?lat=37.5&lng=126.9&radiusM=2000").accept("application/geo+json"))
			.hasStatusOk()
			.hasContentType("application/geo+json")
			.bodyJson()
			.isLenientlyEqualTo("""
					{"type":"FeatureCollection","features":[
					 {"type":"Feature","id":"car-1","geometry":{"type":"Point","coordinates":[126.978,37.5665]},
					  "properties":{"distanceM":10.0}},
					 {"type":"Feature","id":"car-2","geometry":{"type":"Point","coordinates":[127.1,37.6]},
					  "properties":{"distanceM":20.0}}]}""");
	}

	@Test
	void trackIsNewestFirstFromTheGivenTime() {
		List<TrackPoint> points = List.of(new TrackPoint(2000, Instant.ofEpochMilli(2000), 1.5, 2.5, 30.0, 90.0),
				new TrackPoint(1000, Instant.ofEpochMilli(1000), 1.0, 2.0, null, null));
		given(this.queries.track(eq("car-1"), any(), anyInt())).willReturn(Optional.of(points));
		assertThat(this.mvc.get()
			.uri("/api/v1/vehicles/car-1/track")
			.param("since", "2025-11-22T09:00:00+01:00")
			.param("limit", "5")).hasStatusOk().bodyJson().isLenientlyEqualTo("""
					{"carId":"car-1","count":2,"points":[
					 {"ts":2000,"time":"1970-01-01T00:00:02Z","lat":1.5,"lng":2.5,"speedKmh":30.0,"heading":90.0},
					 {"ts":1000,"lat":1.0,"lng":2.0}]}""");
		then(this.queries).should().track("car-1", Instant.parse("2025-11-22T08:00:00Z"), 5);
	}

	@Test
	void trackSinceAcceptsEpochMillis() {
		given(this.queries.track(eq("car-1"), any(), anyInt())).willReturn(Optional.of(List.of()));
		assertThat(this.mvc.get().uri("/api/v1/vehicles/car-1/track?since=1763800000123")).hasStatusOk();
		then(this.queries).should().track("car-1", FIX_TIME, 100);
	}

	@Test
	void trackAsGeoJsonIsAFeatureCollectionOfPoints() {
		given(this.queries.track(eq("car-1"), any(), anyInt()))
			.willReturn(Optional.of(List.of(new TrackPoint(2000, Instant.ofEpochMilli(2000), 1.5, 2.5, null, null))));
		assertThat(this.mvc.get().uri("/api/v1/vehicles/car-1/track").accept("application/geo+json")).hasStatusOk()
			.hasContentType("application/geo+json")
			.bodyJson()
			.isLenientlyEqualTo(
					"""
							{"type":"FeatureCollection","features":[{"type":"Feature",
							 "geometry":{"type":"Point","coordinates":[2.5,1.5]},"properties":{"carId":"car-1","ts":2000}}]}""");
	}

	@Test
	void trackOfUnknownCarIsA404Problem() {
		given(this.queries.track(eq("car-9"), any(), anyInt())).willReturn(Optional.empty());
		assertThat(this.mvc.get().uri("/api/v1/vehicles/car-9/track")).hasStatus(404)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void redisTimeoutIsA503ProblemWithRetryAfter() {
		given(this.queries.vehicle("car-1")).willThrow(new RedisCommandTimeoutException("Command timed out"));
		assertThat(this.mvc.get().uri("/api/v1/vehicles/car-1")).hasStatus(503)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.hasHeader("Retry-After", "1")
			.bodyJson()
			.extractingPath("$.title")
			.isEqualTo("Position store unavailable");
	}

	@Test
	void summaryUsesTheConfiguredReportingWindow() {
		given(this.queries.summary(any()))
			.willAnswer((invocation) -> new FleetSummary(10, 7, invocation.getArgument(0), FIX_TIME));
		assertThat(this.mvc.get().uri("/api/v1/fleet/summary")).hasStatusOk().bodyJson().isLenientlyEqualTo("""
				{"total":10,"reporting":7,"silent":3,"reportingWindow":"PT5M","reportingWindowSeconds":300,
				 "asOf":"2025-11-22T08:26:40.123Z"}""");
	}

}
