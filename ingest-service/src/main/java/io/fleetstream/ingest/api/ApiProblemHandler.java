package io.fleetstream.ingest.api;

import io.lettuce.core.RedisException;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.fleetstream.common.web.FleetProblemHandler;

/**
 * Answers every error of the service's web API as an RFC 9457 problem
 * ({@code application/problem+json}): common's {@link FleetProblemHandler}, plus the
 * position store's failures. It is not limited to this package's controllers so that
 * errors raised before a controller is chosen (unknown path, 406 Not Acceptable) get the
 * same form.
 */
@RestControllerAdvice
class ApiProblemHandler extends FleetProblemHandler {

	@ExceptionHandler(PositionStoreUnavailableException.class)
	ResponseEntity<Object> handleStoreKnownUnavailable(PositionStoreUnavailableException ex) {
		long seconds = ex.retryAfter().toSeconds();
		return unavailable("Position store unavailable",
				"The position store (Redis) is unavailable; retry after " + seconds + " s", seconds);
	}

	/**
	 * A failed Redis read: 503 when Redis is unavailable (no answer within
	 * {@code fleet.ingest.api.redis-timeout}, a connection refused or reset in flight, a
	 * server still loading), else (an unexpected error reply) 500.
	 */
	@ExceptionHandler({ RedisException.class, DataAccessException.class })
	ResponseEntity<Object> handleStoreFailure(RuntimeException ex) {
		if (StoreFailures.isUnavailable(ex)) {
			this.logger.warn("Position store unavailable: " + ex);
			return unavailable("Position store unavailable", "The position store did not answer in time; retry shortly",
					1);
		}
		this.logger.error("Position store error", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Position store error",
				"The position store answered with an error", HttpHeaders.EMPTY);
	}

}
