package io.fleetstream.common.kafka;

/**
 * A record that can never be processed (invalid content). Never retried: it goes to the
 * dead-letter topic with its reason. It carries no stack trace, because the reason and
 * detail say everything and the header stays small.
 */
public class RecordRejectedException extends RuntimeException {

	/** The dead-letter header holding the reason code. */
	public static final String REASON_HEADER = "fleet_dlt-reason";

	private final String reason;

	public RecordRejectedException(String reason, String detail) {
		super(reason + ": " + detail, null, false, false);
		this.reason = reason;
	}

	public String reason() {
		return this.reason;
	}

}
