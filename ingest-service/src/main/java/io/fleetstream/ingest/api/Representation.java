package io.fleetstream.ingest.api;

import java.util.List;
import java.util.function.Function;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Which of the two representations a client asked for with its Accept header. The
 * mappings declare both in {@code produces}, so an Accept that allows neither is answered
 * 406 before any work; between the two, the quality of the most specific matching range
 * decides (RFC 9110, 12.5.1) and JSON wins a tie, so {@code *}{@code /*} or no Accept
 * gets JSON.
 */
enum Representation {

	JSON(MediaType.APPLICATION_JSON), GEO_JSON(MediaType.parseMediaType(GeoJson.MEDIA_TYPE));

	static final String JSON_VALUE = MediaType.APPLICATION_JSON_VALUE;

	static final String GEO_JSON_VALUE = GeoJson.MEDIA_TYPE;

	private final MediaType mediaType;

	Representation(MediaType mediaType) {
		this.mediaType = mediaType;
	}

	static Representation negotiate(String accept) {
		if (accept == null || accept.isBlank()) {
			return JSON;
		}
		try {
			List<MediaType> ranges = MediaType.parseMediaTypes(accept);
			return (GEO_JSON.quality(ranges) > JSON.quality(ranges)) ? GEO_JSON : JSON;
		}
		catch (InvalidMediaTypeException ex) {
			return JSON;
		}
	}

	/** The answer in this representation; {@code toGeoJson} makes the GeoJSON form. */
	<T> ResponseEntity<Object> respond(T body, Function<T, Object> toGeoJson) {
		return respond(body, toGeoJson, (json) -> json);
	}

	/**
	 * The answer in this representation, made by {@code toGeoJson} or {@code toJson}.
	 */
	<T> ResponseEntity<Object> respond(T body, Function<T, Object> toGeoJson, Function<T, Object> toJson) {
		Object representation = (this == JSON) ? toJson.apply(body) : toGeoJson.apply(body);
		return ResponseEntity.ok().contentType(this.mediaType).body(representation);
	}

	private double quality(List<MediaType> ranges) {
		MediaType best = null;
		for (MediaType range : ranges) {
			if (range.includes(this.mediaType) && (best == null || specificity(range) > specificity(best))) {
				best = range;
			}
		}
		return (best != null) ? best.getQualityValue() : 0;
	}

	private static int specificity(MediaType range) {
		return range.isWildcardType() ? 0 : (range.isWildcardSubtype() ? 1 : 2);
	}

}
