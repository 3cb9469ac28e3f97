package io.fleetstream.enrichment.api;

import io.fleetstream.enrichment.redis.RedisReplies;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.fleetstream.common.web.FleetProblemHandler;

/**
 * Answers every error of the service's web API as an RFC 9457 problem
 * ({@code application/problem+json}), including those raised before a controller is
 * chosen: common's {@link FleetProblemHandler}, plus the state store's failures.
 */
@RestControllerAdvice
class ApiProblemHandler extends FleetProblemHandler {

	@ExceptionHandler({ RedisReplies.RedisUnavailableException.class, RedisConnectionException.class,
			RedisCommandTimeoutException.class, DataAccessResourceFailureException.class, QueryTimeoutException.class })
	ResponseEntity<Object> handleStoreUnavailable(RuntimeException ex) {
		this.logger.warn("State store unavailable: " + ex);
		return unavailable("State store unavailable", "The state store did not answer in time; retry shortly", 1);
	}

}
