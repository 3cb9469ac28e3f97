package io.fleetstream.enrichment.redis;

import java.nio.charset.StandardCharsets;

import io.fleetstream.common.redis.LuaScript;

/**
 * A {@link LuaScript} whose digest and source are encoded once as the leading argument of
 * {@code EVALSHA} and {@code EVAL}, for the calls a {@link RedisBatch} pre-encodes.
 */
public final class EncodedScript {

	private final byte[] sha1;

	private final byte[] source;

	private EncodedScript(LuaScript script) {
		this.sha1 = RespArguments.encode(script.sha1().getBytes(StandardCharsets.US_ASCII));
		this.source = RespArguments.encode(script.source());
	}

	/** @see LuaScript#load(String) */
	public static EncodedScript load(String resource) {
		return new EncodedScript(LuaScript.load(resource));
	}

	byte[] sha1() {
		return this.sha1;
	}

	byte[] source() {
		return this.source;
	}

}
