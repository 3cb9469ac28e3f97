package io.fleetstream.ingest.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The {@code application/geo+json} (RFC 7946) forms of the API's answers: a vehicle is a
 * Point feature whose id is the car id, a search is a FeatureCollection of them (nearest
 * first), a track a FeatureCollection of Point features (newest first). Coordinates are
 * {@code [lng, lat]}; the other fields are properties.
 */
final class GeoJson {

	static final String MEDIA_TYPE = "application/geo+json";

	private GeoJson() {
	}

	static Feature vehicle(VehiclePosition vehicle) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("carId", vehicle.carId());
		properties.put("ts", vehicle.ts());
		properties.put("time", vehicle.time().toString());
		putIfPresent(properties, "speedKmh", vehicle.speedKmh());
		putIfPresent(properties, "heading", vehicle.heading());
		properties.put("ageSeconds", vehicle.ageSeconds());
		properties.put("geoIndexed", vehicle.geoIndexed());
		putIfPresent(properties, "distanceM", vehicle.distanceM());
		return new Feature(vehicle.carId(), Point.of(vehicle.lng(), vehicle.lat()), properties);
	}

	static FeatureCollection vehicles(List<VehiclePosition> vehicles) {
		return new FeatureCollection(vehicles.stream().map(GeoJson::vehicle).toList());
	}

	static FeatureCollection track(String carId, List<TrackPoint> points) {
		return new FeatureCollection(points.stream().map((point) -> trackPoint(carId, point)).toList());
	}

	private static Feature trackPoint(String carId, TrackPoint point) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("carId", carId);
		properties.put("ts", point.ts());
		properties.put("time", point.time().toString());
		putIfPresent(properties, "speedKmh", point.speedKmh());
		putIfPresent(properties, "heading", point.heading());
		return new Feature(null, Point.of(point.lng(), point.lat()), properties);
	}

	private static void putIfPresent(Map<String, Object> properties, String name, Object value) {
		if (value != null) {
			properties.put(name, value);
		}
	}

	@Schema(name = "GeoJsonPoint")
	record Point(@Schema(allowableValues = "Point") String type,
			@Schema(description = "[lng, lat]", example = "[126.978, 37.5665]") List<Double> coordinates) {

		static Point of(double lng, double lat) {
			return new Point("Point", List.of(lng, lat));
		}

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	@Schema(name = "GeoJsonFeature")
	record Feature(@Schema(allowableValues = "Feature") String type, String id, Point geometry,
			Map<String, Object> properties) {

		Feature(String id, Point geometry, Map<String, Object> properties) {
			this("Feature", id, geometry, properties);
		}

	}

	@Schema(name = "GeoJsonFeatureCollection")
	record FeatureCollection(@Schema(allowableValues = "FeatureCollection") String type, List<Feature> features) {

		FeatureCollection(List<Feature> features) {
			this("FeatureCollection", features);
		}

	}

}
