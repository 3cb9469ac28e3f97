package io.fleetstream.enrichment.flatten;

/**
 * A message beyond a flattening bound, or not a JSON object: the record is rejected with
 * {@link #reason()} (a metric tag and dead-letter header) and {@link #getMessage()} as
 * the detail.
 */
public final class FlattenException extends Exception {

	private final String reason;

	FlattenException(String reason, String detail) {
		super(detail, null, false, false);
		this.reason = reason;
	}

	public String reason() {
		return this.reason;
	}

}
