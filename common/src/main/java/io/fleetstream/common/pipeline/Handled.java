package io.fleetstream.common.pipeline;

/**
 * What a {@link RecordHandler} made of one record: a value, or a rejection with a reason.
 *
 * @param <T> the value type
 */
public sealed interface Handled<T> permits Handled.Accepted, Handled.Rejected {

	static <T> Handled<T> accepted(T value, long eventTimeMs) {
		return new Accepted<>(value, eventTimeMs);
	}

	static <T> Handled<T> rejected(String reason, String detail) {
		return new Rejected<>(reason, detail);
	}

	/**
	 * @param value the typed value
	 * @param eventTimeMs when the event happened (epoch millis), for latency metrics
	 */
	record Accepted<T>(T value, long eventTimeMs) implements Handled<T> {
	}

	/**
	 * @param reason a short, stable, kebab-case code used as a metric tag and DLT header
	 * (e.g. {@code latitude-out-of-range})
	 * @param detail a human-readable explanation naming the offending value
	 */
	record Rejected<T>(String reason, String detail) implements Handled<T> {
	}

}
