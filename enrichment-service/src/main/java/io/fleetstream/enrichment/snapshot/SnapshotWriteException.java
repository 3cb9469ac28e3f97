package io.fleetstream.enrichment.snapshot;

/**
 * Redis did not apply (or return) the snapshot in time. Transient: the batch (or the
 * start-up load) is retried with back-off, never dead-lettered.
 */
class SnapshotWriteException extends RuntimeException {

	SnapshotWriteException(String message, Throwable cause) {
		super(message, cause);
	}

}
