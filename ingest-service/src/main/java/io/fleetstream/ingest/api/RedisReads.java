package io.fleetstream.ingest.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;

/**
 * Waits for commands that were sent together (pipelined) without waiting between them.
 */
final class RedisReads {

	private RedisReads() {
	}

	static <T> T await(RedisFuture<T> future, Duration timeout) {
		return awaitAll(List.of(future), timeout).get(0);
	}

	/**
	 * The results in order, after at most {@code timeout} for all of them.
	 * @throws RedisException when a command failed or the timeout passed
	 */
	static <T> List<T> awaitAll(List<RedisFuture<T>> futures, Duration timeout) {
		// false when the timeout passed: then future.get() would wait for the command
		// timeout
		if (!LettuceFutures.awaitAll(timeout, futures.toArray(new Future<?>[0]))) {
			throw new RedisCommandTimeoutException("No answer from Redis within " + timeout.toMillis() + " ms");
		}
		List<T> results = new ArrayList<>(futures.size());
		for (RedisFuture<T> future : futures) {
			results.add(result(future));
		}
		return results;
	}

	private static <T> T result(RedisFuture<T> future) {
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RedisException("Interrupted while reading positions", ex);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RedisException redisException) ? redisException
					: new RedisException(ex.getCause());
		}
	}

}
