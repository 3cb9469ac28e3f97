package io.fleetstream.enrichment.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for pipelined replies under one deadline. A failure is a
 * {@link RedisUnavailableException}: transient, so the pipeline retries the batch.
 */
public final class RedisReplies {

	private RedisReplies() {
	}

	public static void awaitAll(List<? extends CompletableFuture<?>> replies, Duration timeout, String what) {
		long deadline = System.nanoTime() + timeout.toNanos();
		for (CompletableFuture<?> reply : replies) {
			await(reply, deadline, what);
		}
	}

	public static <T> T await(CompletableFuture<T> reply, long deadlineNanos, String what) {
		try {
			return reply.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			throw new RedisUnavailableException("Redis did not answer in time (" + what + ")", ex);
		}
		catch (ExecutionException ex) {
			throw new RedisUnavailableException("Redis failed (" + what + "): " + ex.getCause().getMessage(),
					ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RedisUnavailableException("Interrupted (" + what + ")", ex);
		}
	}

	/** A Redis call failed or timed out: transient. */
	public static final class RedisUnavailableException extends RuntimeException {

		RedisUnavailableException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
