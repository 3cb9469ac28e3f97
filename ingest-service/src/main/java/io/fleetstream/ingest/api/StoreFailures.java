package io.fleetstream.ingest.api;

import java.util.Set;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisSystemException;

/**
 * Tells a failure of the position store that says "Redis is unavailable, retry" (no
 * answer in time, a broken or refused connection, a server that is loading its data or
 * has lost its cluster) from one that says "this request met a bug" (any other error
 * reply). The first is answered 503 and may open the {@link StoreAvailabilityGate}; the
 * second is a 500.
 */
final class StoreFailures {

	/** Error reply prefixes of a server that is there but cannot serve yet. */
	private static final Set<String> TRANSIENT_REPLIES = Set.of("LOADING", "BUSY", "MASTERDOWN", "CLUSTERDOWN",
			"TRYAGAIN");

	private StoreFailures() {
	}

	static boolean isUnavailable(Throwable failure) {
		if (failure instanceof RedisCommandExecutionException reply) {
			String message = (reply.getMessage() != null) ? reply.getMessage() : "";
			int space = message.indexOf(' ');
			return TRANSIENT_REPLIES.contains((space < 0) ? message : message.substring(0, space));
		}
		if (failure instanceof RedisException || failure instanceof DataAccessResourceFailureException
				|| failure instanceof QueryTimeoutException) {
			return true;
		}
		if (failure instanceof RedisSystemException && failure.getCause() != null) {
			return isUnavailable(failure.getCause());
		}
		return false;
	}

}
