package io.fleetstream.alert.api;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;

import io.fleetstream.alert.episodes.OutlierUnavailableException;
import io.fleetstream.alert.store.RedisFutures.AlertStoreException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.fleetstream.common.web.FleetProblemHandler;

/**
 * Answers every error of the service's web API as an RFC 9457 problem
 * ({@code application/problem+json}): common's {@link FleetProblemHandler}, plus the
 * alert store's and the outlier topic's failures. It is not limited to this package's
 * controllers so that errors raised before a controller is chosen (unknown path, 406 Not
 * Acceptable) get the same form.
 */
@RestControllerAdvice
class ApiProblemHandler extends FleetProblemHandler {

	@ExceptionHandler(OutlierUnavailableException.class)
	ResponseEntity<Object> handleOutlierUnavailable(OutlierUnavailableException ex) {
		this.logger.warn("Outlier topic unavailable: " + ex);
		return unavailable("Outlier topic unavailable",
				"The change is stored but the outlier topic did not acknowledge it; retry shortly", 1);
	}

	@ExceptionHandler({ RedisConnectionException.class, RedisCommandTimeoutException.class,
			DataAccessResourceFailureException.class, QueryTimeoutException.class, AlertStoreException.class })
	ResponseEntity<Object> handleStoreUnavailable(RuntimeException ex) {
		this.logger.warn("Alert store unavailable: " + ex);
		return unavailable("Alert store unavailable", "The alert store did not answer in time; retry shortly", 1);
	}

}
