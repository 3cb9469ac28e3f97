package io.fleetstream.common;

import java.util.regex.Pattern;

/**
 * The one car-id rule of FleetStream, applied at both edges: a Kafka record whose key
 * breaks it is dead-lettered at ingest ({@code invalid-car-id}), and the REST API refuses
 * it as a path parameter. Applying the same rule at both ends means every car that can be
 * listed can also be fetched by its id, and an id never needs escaping in a Redis key, a
 * URL or a log line.
 * <p>
 * A car id is 1 to {@value #MAX_LENGTH} characters of {@code A-Z}, {@code a-z},
 * {@code 0-9}, {@code .}, {@code _}, {@code :} and {@code -}. A key that is not valid
 * UTF-8 is decoded with replacement characters by the consumer and so breaks the rule
 * too.
 */
public final class CarIds {

	public static final int MAX_LENGTH = 64;

	/** The rule in words, for error messages. */
	public static final String RULE = "1 to " + MAX_LENGTH + " characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'";

	private static final Pattern CAR_ID = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_LENGTH + "}");

	private CarIds() {
	}

	/** Whether the id follows the rule; {@code null} does not. */
	public static boolean isValid(String carId) {
		if (carId == null || carId.isEmpty() || carId.length() > MAX_LENGTH) {
			return false;
		}
		for (int i = 0; i < carId.length(); i++) {
			if (!isAllowed(carId.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/** The rule as a regular expression, for API documentation. */
	public static Pattern pattern() {
		return CAR_ID;
	}

	private static boolean isAllowed(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
				|| c == ':' || c == '-';
	}

}
