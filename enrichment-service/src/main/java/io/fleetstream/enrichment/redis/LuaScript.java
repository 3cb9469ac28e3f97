package io.fleetstream.enrichment.redis;

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
 * node that has not cached it: new, restarted, failed over).
 */
public final class LuaScript {

	private final byte[] source;

	private final String sha1;

	/** The digest and the source as pre-encoded arguments ({@link RedisBatch}). */
	private final byte[] encodedSha1;

	private final byte[] encodedSource;

	private LuaScript(byte[] source) {
		this.source = source;
		this.sha1 = sha1(source);
		this.encodedSha1 = RespArguments.encode(this.sha1.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
		this.encodedSource = RespArguments.encode(source);
	}

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

	/** Sends the call without waiting, so calls issued together are pipelined. */
	public <T> CompletableFuture<T> call(RedisClusterAsyncCommands<byte[], byte[]> commands, ScriptOutputType type,
			byte[][] keys, byte[]... args) {
		CompletableFuture<T> reply = commands.<T>evalsha(this.sha1, type, keys, args).toCompletableFuture();
		return reply.exceptionallyCompose(
				(ex) -> isNoScript(ex) ? commands.<T>eval(this.source, type, keys, args).toCompletableFuture()
						: CompletableFuture.failedFuture(ex));
	}

	byte[] encodedSha1() {
		return this.encodedSha1;
	}

	byte[] encodedSource() {
		return this.encodedSource;
	}

	static boolean isNoScript(Throwable ex) {
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
