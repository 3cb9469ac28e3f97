package io.fleetstream.ingest.position;

/**
 * Redis did not apply a batch (unreachable, timed out, failed). Transient by nature: the
 * batch is retried with back-off, never dead-lettered.
 */
public class PositionWriteException extends RuntimeException {

	public PositionWriteException(String message, Throwable cause) {
		super(message, cause);
	}

}
