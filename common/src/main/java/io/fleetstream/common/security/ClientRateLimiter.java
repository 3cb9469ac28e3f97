package io.fleetstream.common.security;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per client key: each bucket holds up to {@code burst} tokens, refills at
 * {@code requestsPerSecond}, and a request takes one token or is refused with the time
 * until the next one. At most {@code maxClients} buckets are kept; the least recently
 * seen client is forgotten first, so memory is bounded whatever the number of clients (a
 * forgotten client starts again with a full bucket, as it would after being idle). One
 * lock guards the table: the work under it is a map lookup and a few arithmetic
 * operations, small beside a request's Redis reads.
 */
final class ClientRateLimiter {

	private final double tokensPerNano;

	private final double burst;

	private final LongSupplier nanoTime;

	private final Map<String, Bucket> buckets;

	ClientRateLimiter(FleetSecurityProperties.RateLimit settings, LongSupplier nanoTime) {
		this.tokensPerNano = settings.requestsPerSecond() / 1e9;
		this.burst = settings.burst();
		this.nanoTime = nanoTime;
		int maxClients = settings.maxClients();
		this.buckets = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
				return size() > maxClients;
			}

		};
	}

	/**
	 * Takes a token from the client's bucket.
	 * @param client the client key
	 * @return {@link Duration#ZERO} when the request may go ahead, else how long until
	 * the client has a token again
	 */
	synchronized Duration acquire(String client) {
		long now = this.nanoTime.getAsLong();
		Bucket bucket = this.buckets.computeIfAbsent(client, (key) -> new Bucket(this.burst, now));
		bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.updatedNanos) * this.tokensPerNano);
		bucket.updatedNanos = now;
		if (bucket.tokens >= 1) {
			bucket.tokens -= 1;
			return Duration.ZERO;
		}
		return Duration.ofNanos((long) Math.ceil((1 - bucket.tokens) / this.tokensPerNano));
	}

	synchronized int clients() {
		return this.buckets.size();
	}

	private static final class Bucket {

		private double tokens;

		private long updatedNanos;

		Bucket(double tokens, long updatedNanos) {
			this.tokens = tokens;
			this.updatedNanos = updatedNanos;
		}

	}

}
