package io.fleetstream.enrichment.state;

import java.util.Arrays;

import tools.jackson.core.io.JsonStringEncoder;

/**
 * A growable byte buffer for writing JSON from pieces that are already JSON (a signal's
 * value text, a path's escaped bytes), so that the enriched message is copied, not
 * formatted, per record. Strings are escaped by Jackson's encoder, as its generator
 * escapes them. Confined to one thread.
 */
final class JsonBytes {

	private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

	private byte[] bytes;

	private int size;

	JsonBytes(int capacity) {
		this.bytes = new byte[capacity];
	}

	void reset() {
		this.size = 0;
	}

	int capacity() {
		return this.bytes.length;
	}

	JsonBytes raw(byte[] piece) {
		ensure(piece.length);
		System.arraycopy(piece, 0, this.bytes, this.size, piece.length);
		this.size += piece.length;
		return this;
	}

	/** ASCII text only (JSON punctuation, property names written here). */
	JsonBytes ascii(String text) {
		int length = text.length();
		ensure(length);
		for (int i = 0; i < length; i++) {
			this.bytes[this.size++] = (byte) text.charAt(i);
		}
		return this;
	}

	JsonBytes ascii(char c) {
		ensure(1);
		this.bytes[this.size++] = (byte) c;
		return this;
	}

	/** A JSON string: quoted, escaped. */
	JsonBytes string(String text) {
		return ascii('"').raw(ENCODER.quoteAsUTF8(text)).ascii('"');
	}

	/** A JSON string whose escaped UTF-8 content (without quotes) is given. */
	JsonBytes quoted(byte[] escaped) {
		return ascii('"').raw(escaped).ascii('"');
	}

	JsonBytes number(long value) {
		if (value == Long.MIN_VALUE) {
			return ascii(Long.toString(value));
		}
		ensure(20);
		if (value < 0) {
			this.bytes[this.size++] = '-';
			value = -value;
		}
		int digits = 1;
		for (long rest = value / 10; rest > 0; rest /= 10) {
			digits++;
		}
		int end = this.size + digits;
		for (int i = end - 1; i >= this.size; i--) {
			this.bytes[i] = (byte) ('0' + (value % 10));
			value /= 10;
		}
		this.size = end;
		return this;
	}

	int size() {
		return this.size;
	}

	/** Appends a copy of bytes written before (at start, length bytes). */
	JsonBytes copyOwn(int start, int length) {
		ensure(length);
		System.arraycopy(this.bytes, start, this.bytes, this.size, length);
		this.size += length;
		return this;
	}

	byte[] toByteArray() {
		return Arrays.copyOf(this.bytes, this.size);
	}

	private void ensure(int more) {
		if (this.size + more > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.size + more));
		}
	}

}
