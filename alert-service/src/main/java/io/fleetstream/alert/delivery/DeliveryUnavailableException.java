package io.fleetstream.alert.delivery;

/**
 * A transient delivery failure: SNS unreachable, answering 5xx or throttling, or Redis
 * (the delivery state) unavailable. The pipeline retries the batch with back-off; what
 * was sent before it is not sent again.
 */
public class DeliveryUnavailableException extends RuntimeException {

	public DeliveryUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
