package io.fleetstream.common.pipeline;

import java.util.List;

/**
 * What a loader did with a batch: everything written, except the records it names as
 * failed permanently (a value the target rejects as invalid, which no retry can fix).
 * Those go to the dead-letter topic with the loader's reason; their neighbours count as
 * written. Transient failures are not results: the loader throws, and the batch is
 * retried.
 *
 * @param failures the records that can never be written, with why
 */
public record LoadResult(List<Failure> failures) {

	private static final LoadResult ALL_WRITTEN = new LoadResult(List.of());

	public LoadResult {
		failures = List.copyOf(failures);
	}

	public static LoadResult allWritten() {
		return ALL_WRITTEN;
	}

	public static LoadResult failing(List<Failure> failures) {
		return failures.isEmpty() ? ALL_WRITTEN : new LoadResult(failures);
	}

	/**
	 * @param record the record that failed
	 * @param reason a short, stable, kebab-case code (metric tag and DLT header)
	 * @param detail a human-readable explanation
	 */
	public record Failure(RecordCoordinates record, String reason, String detail) {
	}

}
