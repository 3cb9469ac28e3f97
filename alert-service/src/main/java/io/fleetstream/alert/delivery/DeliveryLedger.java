package io.fleetstream.alert.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.fleetstream.common.redis.AsyncRedis;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

/**
 * The delivery state in Redis: per notification one hash
 * {@code fleet:alert:delivery:<notificationId>}, one field per topic ARN, whose value is
 * {@code intent:<epoch ms>} once a publish is about to be made and
 * {@code sent:<epoch ms>:<SNS MessageId>} once SNS accepted it. Every write refreshes the
 * key's expiry ({@code fleet.alert.sns.retention}). Commands of a batch are pipelined
 * (one round trip per phase); each touches one key, so Redis Cluster needs no hash tags.
 * See docs/redis-keys.md.
 */
class DeliveryLedger {

	static final String KEY_PREFIX = "fleet:alert:delivery:";

	/** Notification ids longer than this (in UTF-8 bytes) are hashed into the key. */
	static final int MAX_PLAIN_ID_BYTES = 200;

	private final AsyncRedis redis;

	private final Duration retention;

	private final Duration timeout;

	private final Clock clock;

	DeliveryLedger(AsyncRedis redis, Duration retention, Duration timeout, Clock clock) {
		this.redis = redis;
		this.retention = retention;
		this.timeout = timeout;
		this.clock = clock;
	}

	/**
	 * Records the intent to publish each target where none is recorded yet, and returns
	 * each target's state after that: whether it was already sent.
	 * @throws DeliveryUnavailableException if Redis did not answer in time
	 */
	Map<Target, Boolean> recordIntents(List<Target> targets) {
		RedisClusterAsyncCommands<byte[], byte[]> commands = this.redis.commands();
		byte[] intent = bytes("intent:" + this.clock.millis());
		Map<Target, CompletableFuture<byte[]>> states = new LinkedHashMap<>();
		List<CompletableFuture<?>> writes = new ArrayList<>();
		for (Target target : targets) {
			byte[] key = key(target.notificationId());
			byte[] field = bytes(target.topicArn());
			writes.add(commands.hsetnx(key, field, intent).toCompletableFuture());
			writes.add(commands.pexpire(key, this.retention.toMillis()).toCompletableFuture());
			states.put(target, commands.hget(key, field).toCompletableFuture());
		}
		long deadline = System.nanoTime() + this.timeout.toNanos();
		for (CompletableFuture<?> write : writes) {
			await(write, deadline, "record the delivery intents");
		}
		Map<Target, Boolean> sent = new LinkedHashMap<>();
		states.forEach((target, state) -> {
			byte[] value = await(state, deadline, "read the delivery state");
			sent.put(target, value != null && new String(value, StandardCharsets.UTF_8).startsWith("sent:"));
		});
		return sent;
	}

	/**
	 * Marks a target sent (sent right away, not awaited: {@link #await} the result).
	 */
	CompletableFuture<?> markSent(Target target, String messageId) {
		try {
			RedisClusterAsyncCommands<byte[], byte[]> commands = this.redis.commands();
			byte[] key = key(target.notificationId());
			CompletableFuture<Boolean> set = commands
				.hset(key, bytes(target.topicArn()), bytes("sent:" + this.clock.millis() + ":" + messageId))
				.toCompletableFuture();
			CompletableFuture<Boolean> expire = commands.pexpire(key, this.retention.toMillis()).toCompletableFuture();
			return CompletableFuture.allOf(set, expire);
		}
		catch (RuntimeException ex) {
			// no connection: the caller keeps the mark to write it on the next attempt
			return CompletableFuture.failedFuture(ex);
		}
	}

	/** Waits for marks, within the Redis command timeout. */
	void await(List<CompletableFuture<?>> marks) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		for (CompletableFuture<?> mark : marks) {
			await(mark, deadline, "mark notifications sent");
		}
	}

	static byte[] key(String notificationId) {
		byte[] id = bytes(notificationId);
		if (id.length <= MAX_PLAIN_ID_BYTES) {
			return bytes(KEY_PREFIX + notificationId);
		}
		try {
			return bytes(
					KEY_PREFIX + "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static <T> T await(CompletableFuture<T> reply, long deadlineNanos, String what) {
		try {
			return reply.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			throw new DeliveryUnavailableException("Redis did not answer in time to " + what, ex);
		}
		catch (ExecutionException ex) {
			throw new DeliveryUnavailableException("Redis failed to " + what + ": " + ex.getCause().getMessage(),
					ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DeliveryUnavailableException("Interrupted while waiting for Redis to " + what, ex);
		}
	}

	/**
	 * One publish: a notification to one topic.
	 */
	record Target(String notificationId, String topicArn) {
	}

}
