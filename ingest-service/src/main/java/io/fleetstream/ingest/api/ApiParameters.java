package io.fleetstream.ingest.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.regex.Pattern;

import io.fleetstream.common.CarIds;
import io.fleetstream.ingest.IngestProperties;
import io.fleetstream.common.web.InvalidParameterException;

/**
 * Checks request parameters against their ranges and the configured caps, and turns them
 * into query values. Every rejection names the parameter and the accepted range.
 */
final class ApiParameters {

	private static final Pattern EPOCH_MILLIS = Pattern.compile("-?\\d{1,19}");

	private final IngestProperties.Api limits;

	ApiParameters(IngestProperties.Api limits) {
		this.limits = limits;
	}

	String carId(String id) {
		if (!CarIds.isValid(id)) {
			throw new InvalidParameterException("id", "id must be " + CarIds.RULE);
		}
		return id;
	}

	int limit(Integer limit) {
		if (limit == null) {
			return Math.min(this.limits.defaultLimit(), this.limits.maxLimit());
		}
		if (limit < 1 || limit > this.limits.maxLimit()) {
			throw new InvalidParameterException("limit",
					"limit must be between 1 and " + this.limits.maxLimit() + ", was " + limit);
		}
		return limit;
	}

	Instant since(String since) {
		if (since == null) {
			return null;
		}
		try {
			Instant instant = EPOCH_MILLIS.matcher(since).matches() ? Instant.ofEpochMilli(Long.parseLong(since))
					: OffsetDateTime.parse(since).toInstant();
			// the track is kept in epoch milliseconds: a time beyond their range is
			// refused here
			// (toEpochMilli throws ArithmeticException), not overflowed later
			return Instant.ofEpochMilli(instant.toEpochMilli());
		}
		catch (DateTimeException | ArithmeticException | NumberFormatException ex) {
			throw new InvalidParameterException("since",
					"since must be epoch milliseconds or an ISO-8601 date-time such as 2025-11-22T08:00:00Z, was '"
							+ since + "'");
		}
	}

	SearchArea area(SearchParameters params) {
		boolean circle = params.lat() != null || params.lng() != null || params.radiusM() != null;
		if (circle == (params.bbox() != null)) {
			String parameter = circle ? "bbox" : "lat";
			throw new InvalidParameterException(parameter,
					"Give either lat, lng and radiusM (vehicles around a point) or bbox (vehicles in a box), "
							+ (circle ? "not both" : "one of them is required"));
		}
		return circle ? circle(params) : BoxParameter.parse(params.bbox(), this.limits.maxBboxAreaKm2());
	}

	private SearchArea.Circle circle(SearchParameters params) {
		double lat = required("lat", params.lat());
		double lng = required("lng", params.lng());
		double radiusM = required("radiusM", params.radiusM());
		Coordinates.checkLat("lat", "lat", lat);
		Coordinates.checkLng("lng", "lng", lng);
		if (Math.abs(lat) > SearchArea.GEO_LAT_LIMIT) {
			throw new InvalidParameterException("lat", "lat must be between -85.05112878 and 85.05112878 for a "
					+ "radius search (the geo index covers no more), was " + lat);
		}
		if (!(radiusM > 0) || radiusM > this.limits.maxRadiusM()) {
			throw new InvalidParameterException("radiusM", String.format(Locale.ROOT,
					"radiusM must be greater than 0 and at most %s metres, was %s", this.limits.maxRadiusM(), radiusM));
		}
		return new SearchArea.Circle(lat, lng, radiusM);
	}

	private static double required(String name, Double value) {
		if (value == null) {
			throw new InvalidParameterException(name, name + " is required with lat, lng and radiusM");
		}
		if (!Double.isFinite(value)) {
			throw new InvalidParameterException(name, name + " must be a finite number, was " + value);
		}
		return value;
	}

}
