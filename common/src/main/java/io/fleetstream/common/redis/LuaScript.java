package io.fleetstream.common.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

/**
 * A server-side script from the class path, called by its SHA-1 (sent in full once to a
 * node that has not cached it: new, restarted, failed over). Every service's scripts go
 * through it, so the {@code NOSCRIPT} fallback is written once.
 */
public final class LuaScript {

	private final byte[] source;

	private final String sha1;

	private LuaScript(byte[] source) {
		this.source = source;
		this.sha1 = sha1(source);
	}

	/**
	 * Reads the script.
	 * @param resource an absolute class path resource, e.g. {@code /scripts/apply.lua}
	 * @throws IllegalStateException if there is no such resource
	 */
	public static LuaScript load(String resource) {
		try (InputStream in = LuaScript.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("Missing " + resource);
			}
			return new LuaScript(in.readAllBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Sends the call without waiting, so calls issued together are pipelined. A node that
	 * answers {@code NOSCRIPT} gets the call once more with the script's source
	 * ({@code EVAL}), which also caches it there; any other error is the reply's.
	 */
	public <T> CompletableFuture<T> call(RedisClusterAsyncCommands<byte[], byte[]> commands, ScriptOutputType type,
			byte[][] keys, byte[]... args) {
		CompletableFuture<T> reply = commands.<T>evalsha(this.sha1, type, keys, args).toCompletableFuture();
		return reply.exceptionallyCompose(
				(ex) -> isNoScript(ex) ? commands.<T>eval(this.source, type, keys, args).toCompletableFuture()
						: CompletableFuture.failedFuture(ex));
	}

	/** The SHA-1 digest Redis caches the script under, in hex. */
	public String sha1() {
		return this.sha1;
	}

	/** The script's source (a copy). */
	public byte[] source() {
		return this.source.clone();
	}

	/**
	 * Whether a call failed because the node does not have the script cached, i.e. it
	 * should be sent again with the source.
	 */
	public static boolean isNoScript(Throwable ex) {
		Throwable cause = (ex instanceof CompletionException) ? ex.getCause() : ex;
		return cause instanceof RedisNoScriptException
				|| (cause != null && cause.getMessage() != null && cause.getMessage().startsWith("NOSCRIPT"));
	}

	private static String sha1(byte[] source) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
