package io.fleetstream.common.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisCredentialsProvider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

import org.springframework.util.Assert;

/**
 * Lettuce credentials for an ElastiCache IAM user: the user id as user name and a
 * short-lived IAM token as password. A token is valid for 15 minutes, so it is cached and
 * renewed every refresh interval; each renewed token is pushed to the
 * {@linkplain #credentials() credentials stream}, on which Lettuce re-authenticates open
 * connections (with {@code ReauthenticateBehavior.ON_NEW_CREDENTIALS}), which also keeps
 * them past ElastiCache's 12-hour limit for IAM connections.
 * <p>
 * A failure to create a token (no AWS credentials, STS unreachable) is logged and retried
 * with back-off; it never ends the stream. While renewal fails, connections keep using
 * the last token as long as ElastiCache still accepts it.
 */
public final class ElastiCacheIamCredentialsProvider implements RedisCredentialsProvider, AutoCloseable {

	static final Duration FIRST_RETRY = Duration.ofSeconds(1);

	static final Duration MAX_RETRY = Duration.ofSeconds(30);

	/** A token this close to the end of its validity is no longer handed out. */
	static final Duration EXPIRY_MARGIN = Duration.ofMinutes(1);

	private static final Log logger = LogFactory.getLog(ElastiCacheIamCredentialsProvider.class);

	private final String userId;

	private final Supplier<String> tokens;

	private final Duration refreshInterval;

	private final Clock clock;

	private final Scheduler scheduler;

	private final Sinks.Many<RedisCredentials> renewals = Sinks.many().multicast().directBestEffort();

	private final AtomicBoolean refreshing = new AtomicBoolean();

	private volatile IssuedToken current;

	private volatile Disposable nextRefresh = Disposables.disposed();

	private volatile boolean closed;

	private int consecutiveFailures;

	/**
	 * @param userId the ElastiCache user id, sent as user name
	 * @param tokens creates a new token (usually {@link ElastiCacheIamTokenGenerator});
	 * closed on {@link #close()} when it is {@link AutoCloseable}
	 * @param refreshInterval how long a token is used before a new one is made; shorter
	 * than the 15-minute token validity
	 * @param clock the time source token ages are measured with
	 * @param scheduler runs token creation and renewal; a single thread keeps them
	 * serialized. Disposed on {@link #close()}.
	 */
	public ElastiCacheIamCredentialsProvider(String userId, Supplier<String> tokens, Duration refreshInterval,
			Clock clock, Scheduler scheduler) {
		Assert.hasText(userId, "'userId' must not be empty");
		Assert.isTrue(
				!refreshInterval.isNegative() && !refreshInterval.isZero()
						&& refreshInterval
							.compareTo(ElastiCacheIamTokenGenerator.TOKEN_VALIDITY.minus(EXPIRY_MARGIN)) <= 0,
				() -> "'refreshInterval' must be positive and at most 14 minutes, was " + refreshInterval);
		this.userId = userId;
		this.tokens = tokens;
		this.refreshInterval = refreshInterval;
		this.clock = clock;
		this.scheduler = scheduler;
	}

	@Override
	public Mono<RedisCredentials> resolveCredentials() {
		return Mono.fromCallable(this::currentCredentials).subscribeOn(this.scheduler);
	}

	@Override
	public boolean supportsStreaming() {
		return true;
	}

	/** Renewed credentials, as they are made; never completes with an error. */
	@Override
	public Flux<RedisCredentials> credentials() {
		startRefreshing();
		return this.renewals.asFlux();
	}

	@Override
	public void close() {
		this.closed = true;
		this.nextRefresh.dispose();
		this.renewals.tryEmitComplete();
		this.scheduler.dispose();
		if (this.tokens instanceof AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				logger.debug("Closing the ElastiCache IAM token source failed", ex);
			}
		}
	}

	private RedisCredentials currentCredentials() {
		startRefreshing();
		IssuedToken token = this.current;
		if (token != null && !isDue(token)) {
			return token.credentials();
		}
		try {
			return issue().credentials();
		}
		catch (RuntimeException ex) {
			if (token != null && isStillAccepted(token)) {
				logger.warn("Could not renew the ElastiCache IAM token for user '" + this.userId
						+ "'; using the previous one while it is valid: " + ex.getMessage());
				return token.credentials();
			}
			throw new IllegalStateException(
					"No ElastiCache IAM token for user '" + this.userId + "' could be made: " + ex.getMessage(), ex);
		}
	}

	private void startRefreshing() {
		if (this.refreshing.compareAndSet(false, true)) {
			scheduleRefresh(Duration.ZERO);
		}
	}

	private void refresh() {
		try {
			IssuedToken token = this.current;
			if (token == null || isDue(token)) {
				token = issue();
			}
			this.consecutiveFailures = 0;
			scheduleRefresh(timeUntilDue(token));
		}
		catch (RuntimeException ex) {
			this.consecutiveFailures++;
			Duration retry = retryDelay(this.consecutiveFailures);
			String message = "Could not create an ElastiCache IAM token for user '" + this.userId + "' (attempt "
					+ this.consecutiveFailures + "), retrying in " + retry + ": " + ex.getMessage();
			logger.warn(message, (this.consecutiveFailures == 1) ? ex : null);
			scheduleRefresh(retry);
		}
	}

	private IssuedToken issue() {
		IssuedToken token = new IssuedToken(RedisCredentials.just(this.userId, this.tokens.get()),
				this.clock.instant());
		this.current = token;
		this.renewals.tryEmitNext(token.credentials());
		return token;
	}

	private void scheduleRefresh(Duration delay) {
		if (!this.closed) {
			this.nextRefresh = this.scheduler.schedule(this::refresh, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private boolean isDue(IssuedToken token) {
		return timeUntilDue(token).isZero();
	}

	private Duration timeUntilDue(IssuedToken token) {
		Duration left = Duration.between(this.clock.instant(), token.issuedAt().plus(this.refreshInterval));
		return left.isNegative() ? Duration.ZERO : left;
	}

	private boolean isStillAccepted(IssuedToken token) {
		Instant lastUse = token.issuedAt().plus(ElastiCacheIamTokenGenerator.TOKEN_VALIDITY).minus(EXPIRY_MARGIN);
		return this.clock.instant().isBefore(lastUse);
	}

	static Duration retryDelay(int failures) {
		Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(failures - 1, 10));
		return (delay.compareTo(MAX_RETRY) < 0) ? delay : MAX_RETRY;
	}

	private record IssuedToken(RedisCredentials credentials, Instant issuedAt) {
	}

}
