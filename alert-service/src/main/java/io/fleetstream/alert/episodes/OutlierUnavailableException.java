package io.fleetstream.alert.episodes;

/**
 * The broker did not acknowledge records published to the outlier topic in time (a
 * transient failure: the batch is retried, an API call answers 503).
 */
public class OutlierUnavailableException extends RuntimeException {

	OutlierUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
