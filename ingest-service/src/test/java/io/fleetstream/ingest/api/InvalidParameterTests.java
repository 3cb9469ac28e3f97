package io.fleetstream.ingest.api;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.fleetstream.ingest.IngestProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.then;

/**
 * Every malformed, out-of-range or over-cap parameter is rejected at the edge with a 400
 * problem naming the parameter, before Redis is asked anything. Caps are the defaults of
 * {@code fleet.ingest.api}: radius 50 km, limit 1000, box 10,000 km².
 */
@WebMvcTest({ VehicleController.class, FleetController.class })
@EnableConfigurationProperties(IngestProperties.class)
class InvalidParameterTests {

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private FleetQueries queries;

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					/api/v1/vehicles                                          | lat     | either lat, lng and radiusM
					/api/v1/vehicles?lat=91&lng=0&radiusM=10                   | lat     | lat must be a latitude between -90 and 90, was 91.0
					/api/v1/vehicles?lat=-90.5&lng=0&radiusM=10                | lat     | between -90 and 90
					/api/v1/vehicles?lat=86&lng=0&radiusM=10                   | lat     | between -85.05112878 and 85.05112878
					/api/v1/vehicles?lat=abc&lng=0&radiusM=10                  | lat     | lat must be a number, was 'abc'
					/api/v1/vehicles?lat=NaN&lng=0&radiusM=10                  | lat     | lat must be a finite number
					/api/v1/vehicles?lat=1&lng=180.01&radiusM=10               | lng     | lng must be a longitude between -180 and 180
					/api/v1/vehicles?lat=1&lng=-181&radiusM=10                 | lng     | between -180 and 180
					/api/v1/vehicles?lat=1&lng=Infinity&radiusM=10             | lng     | lng must be a finite number
					/api/v1/vehicles?lat=1&lng=2                               | radiusM | radiusM is required
					/api/v1/vehicles?lng=2&radiusM=5                           | lat     | lat is required
					/api/v1/vehicles?lat=1&lng=2&radiusM=0                     | radiusM | radiusM must be greater than 0 and at most 50000
					/api/v1/vehicles?lat=1&lng=2&radiusM=-5                    | radiusM | radiusM must be greater than 0
					/api/v1/vehicles?lat=1&lng=2&radiusM=50000.5               | radiusM | at most 50000.0 metres, was 50000.5
					/api/v1/vehicles?lat=1&lng=2&radiusM=far                   | radiusM | radiusM must be a number
					/api/v1/vehicles?lat=1&lng=2&radiusM=5&limit=0             | limit   | limit must be between 1 and 1000, was 0
					/api/v1/vehicles?lat=1&lng=2&radiusM=5&limit=1001          | limit   | limit must be between 1 and 1000, was 1001
					/api/v1/vehicles?lat=1&lng=2&radiusM=5&limit=ten           | limit   | limit must be a whole number, was 'ten'
					/api/v1/vehicles?lat=1&lng=2&radiusM=5&bbox=0,0,1,1        | bbox    | not both
					/api/v1/vehicles?bbox=1,2,3                                | bbox    | bbox must be 4 comma-separated numbers
					/api/v1/vehicles?bbox=1,2,3,4,5                            | bbox    | bbox must be 4 comma-separated numbers
					/api/v1/vehicles?bbox=a,b,c,d                              | bbox    | bbox must be 4 comma-separated numbers
					/api/v1/vehicles?bbox=0,0,NaN,1                            | bbox    | bbox must be 4 comma-separated numbers
					/api/v1/vehicles?bbox=-181,0,0,1                           | bbox    | bbox minLng must be a longitude between -180 and 180
					/api/v1/vehicles?bbox=0,-91,1,0                            | bbox    | bbox minLat must be a latitude between -90 and 90
					/api/v1/vehicles?bbox=0,0,181,1                            | bbox    | bbox maxLng must be a longitude
					/api/v1/vehicles?bbox=0,0,1,90.1                           | bbox    | bbox maxLat must be a latitude
					/api/v1/vehicles?bbox=179.9,0,-179.9,0.1                   | bbox    | crosses the antimeridian
					/api/v1/vehicles?bbox=126,38,127,37                        | bbox    | minLat < maxLat
					/api/v1/vehicles?bbox=126,37,126,38                        | bbox    | minLng < maxLng
					/api/v1/vehicles?bbox=120,30,130,40                        | bbox    | more than the 10000.0 km² allowed
					/api/v1/vehicles?bbox=126.9,37.5,127.0,37.6&limit=-1       | limit   | limit must be between 1 and 1000
					/api/v1/vehicles/car%201                                   | id      | id must be 1 to 64 characters
					/api/v1/vehicles/car*1                                     | id      | id must be 1 to 64 characters
					/api/v1/vehicles/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | id | id must be 1 to 64 characters
					/api/v1/vehicles/car%201/track                             | id      | id must be 1 to 64 characters
					/api/v1/vehicles/car-1/track?since=yesterday               | since   | since must be epoch milliseconds or an ISO-8601 date-time
					/api/v1/vehicles/car-1/track?since=2025-13-01T00:00:00Z    | since   | since must be epoch milliseconds
					/api/v1/vehicles/car-1/track?limit=0                       | limit   | limit must be between 1 and 1000
					/api/v1/vehicles/car-1/track?limit=5000                    | limit   | limit must be between 1 and 1000, was 5000
					""")
	void invalidParameterIsA400ProblemNamingIt(String uri, String parameter, String detail) {
		// sent as written (not expanded as a URI template, which would encode the % of
		// car%201 again): the id is "car 1"
		assertThat(this.mvc.get().uri(URI.create(uri))).hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.hasPathSatisfying("$.status", (status) -> assertThat(status).isEqualTo(400))
			.hasPathSatisfying("$.title", (title) -> assertThat(title).isEqualTo("Invalid request parameter"))
			.hasPathSatisfying("$.parameter", (name) -> assertThat(name).isEqualTo(parameter))
			.hasPathSatisfying("$.detail", (text) -> assertThat(text).asString().contains(detail));
		then(this.queries).shouldHaveNoInteractions();
	}

}
