package io.fleetstream.enrichment.snapshot;

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
 * The server-side script that applies CDC records ({@code scripts/apply-cdc.lua}), called
 * by its SHA-1 and sent once to a node that does not have it cached.
 */
final class SnapshotScript {

	static final String RESOURCE = "/scripts/apply-cdc.lua";

	private final byte[] source;

	private final String sha1;

	private SnapshotScript(byte[] source) {
		this.source = source;
		this.sha1 = sha1(source);
	}

	static SnapshotScript load() {
		try (InputStream in = SnapshotScript.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException("Missing " + RESOURCE);
			}
			return new SnapshotScript(in.readAllBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	CompletableFuture<java.util.List<Long>> call(RedisClusterAsyncCommands<byte[], byte[]> commands, byte[][] keys,
			byte[][] args) {
		CompletableFuture<java.util.List<Long>> reply = commands.<java.util.List<Long>>evalsha(this.sha1,
				ScriptOutputType.MULTI, keys, args)
			.toCompletableFuture();
		return reply.exceptionallyCompose((ex) -> isNoScript(ex)
				? commands.<java.util.List<Long>>eval(this.source, ScriptOutputType.MULTI, keys, args)
					.toCompletableFuture()
				: CompletableFuture.failedFuture(ex));
	}

	private static boolean isNoScript(Throwable ex) {
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
