package io.fleetstream.ingest.api;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis search box covers the whole longitude/latitude box, measured the way Redis
 * measures BYBOX (distance along the point's parallel and along its meridian from the
 * centre), and is not much larger.
 */
class GeoSearchBoxTests {

	@ParameterizedTest(name = "{0},{1},{2},{3}")
	@CsvSource(textBlock = """
			126.9, 37.5, 127.1, 37.6
			126.0, 37.0, 127.0, 38.0
			-52.0, 63.0, -51.0, 64.0
			10.0, -1.0, 11.0, 1.0
			-70.0, -56.0, -68.0, -54.0
			100.0, 84.0, 101.0, 85.05
			""")
	void searchBoxCoversEveryPointOfTheBox(double minLng, double minLat, double maxLng, double maxLat) {
		SearchArea.Box box = new SearchArea.Box(minLng, minLat, maxLng, maxLat);
		GeoSearchBox search = GeoSearchBox.covering(box);
		double centreLat = box.centreLat();
		double centreLng = box.centreLng();
		double widestHalf = 0;
		for (int step = 0; step <= 100; step++) {
			double lat = minLat + (maxLat - minLat) * step / 100;
			for (double lng : new double[] { minLng, maxLng }) {
				double alongParallel = TestGeo.distanceM(lat, lng, lat, centreLng);
				double alongMeridian = TestGeo.distanceM(lat, lng, centreLat, lng);
				assertThat(alongParallel).isLessThanOrEqualTo(search.widthM() / 2);
				assertThat(alongMeridian).isLessThanOrEqualTo(search.heightM() / 2);
				widestHalf = Math.max(widestHalf, alongParallel);
			}
		}
		assertThat(search.widthM() / 2).isLessThan(widestHalf * 1.01 + 10);
	}

}
