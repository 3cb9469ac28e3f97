package io.fleetstream.common.kafka;

import java.nio.charset.StandardCharsets;

/**
 * Cuts UTF-8 text to a byte budget without splitting a character: a split character would
 * decode to U+FFFD, which is longer than the bytes it replaces.
 */
final class Utf8 {

	private Utf8() {
	}

	/** The longest prefix of the UTF-8 bytes, at most {@code maxBytes} long, as text. */
	static String prefix(byte[] utf8, int maxBytes) {
		int cut = Math.min(maxBytes, utf8.length);
		while (cut > 0 && cut < utf8.length && (utf8[cut] & 0xC0) == 0x80) {
			cut--;
		}
		return new String(utf8, 0, cut, StandardCharsets.UTF_8);
	}

	/**
	 * The text as UTF-8, or when longer than {@code maxBytes}, its prefix and a note of
	 * the full size, together at most {@code maxBytes} long.
	 */
	static byte[] bounded(String text, int maxBytes) {
		byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
		if (utf8.length <= maxBytes) {
			return utf8;
		}
		String note = "... [cut, " + utf8.length + " bytes in all]";
		return (prefix(utf8, maxBytes - note.length()) + note).getBytes(StandardCharsets.UTF_8);
	}

}
