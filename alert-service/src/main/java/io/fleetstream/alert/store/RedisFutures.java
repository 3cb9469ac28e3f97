package io.fleetstream.alert.store;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for pipelined Redis commands; any failure is transient (the batch is retried).
 */
public final class RedisFutures {

	private RedisFutures() {
	}

	public static <T> T await(CompletionStage<T> future, Duration timeout) {
		try {
			return future.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw new AlertStoreException("Redis command failed: " + ex.getCause(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new AlertStoreException("Redis did not answer within " + timeout, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AlertStoreException("Interrupted waiting for Redis", ex);
		}
	}

	public static void awaitAll(List<? extends CompletionStage<?>> futures, Duration timeout) {
		for (CompletionStage<?> future : futures) {
			await(future, timeout);
		}
	}

	/** The alert store (Redis) failed or did not answer in time. */
	public static class AlertStoreException extends RuntimeException {

		public AlertStoreException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
