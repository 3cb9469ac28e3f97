package io.fleetstream.ingest.position;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The server-side script that applies one shard's fixes ({@code scripts/apply-fixes.lua})
 * and its SHA-1, under which Redis caches it.
 */
final class PositionScript {

	static final String RESOURCE = "/scripts/apply-fixes.lua";

	private final byte[] source;

	private final String sha1;

	private PositionScript(byte[] source) {
		this.source = source;
		this.sha1 = sha1(source);
	}

	static PositionScript load() {
		try (InputStream in = PositionScript.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException("Missing " + RESOURCE);
			}
			return new PositionScript(in.readAllBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	byte[] source() {
		return this.source;
	}

	String sha1() {
		return this.sha1;
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
