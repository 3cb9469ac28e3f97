package io.fleetstream.ingest.api;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Accept header chooses between JSON and GeoJSON by the quality of the most specific
 * matching range; JSON wins a tie.
 */
class RepresentationTests {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			*/*                                               | JSON
			application/*                                     | JSON
			application/json                                  | JSON
			application/geo+json                              | GEO_JSON
			application/geo+json, application/json            | JSON
			application/geo+json, application/json;q=0.9      | GEO_JSON
			application/geo+json;q=0.5, */*                   | JSON
			application/json;q=0.1, application/geo+json;q=0.2| GEO_JSON
			text/html, application/geo+json;q=0.8, */*;q=0.1  | GEO_JSON
			not a media type                                  | JSON
			""")
	void acceptChoosesTheRepresentation(String accept, Representation expected) {
		assertThat(Representation.negotiate(accept)).isEqualTo(expected);
	}

	@ParameterizedTest
	@NullAndEmptySource
	void noAcceptMeansJson(String accept) {
		assertThat(Representation.negotiate(accept)).isEqualTo(Representation.JSON);
	}

}
