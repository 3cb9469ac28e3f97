package io.fleetstream.ingest.api;

import java.time.Duration;

/**
 * Redis is known to be unavailable, so the request was not sent to it: answered 503 with
 * {@code Retry-After}.
 */
class PositionStoreUnavailableException extends RuntimeException {

	private final Duration retryAfter;

	PositionStoreUnavailableException(Duration retryAfter) {
		super("The position store (Redis) is unavailable", null, false, false);
		this.retryAfter = retryAfter;
	}

	Duration retryAfter() {
		return this.retryAfter;
	}

}
