package io.fleetstream.alert.delivery;

/**
 * Makes untrusted device and CDC values safe to put into an e-mail: one line, no control
 * or invisible formatting characters, valid UTF-16, markup and links neutralised, bounded
 * length. Pure functions.
 *
 * <p>
 * Markup: SNS e-mail is plain text, but mail clients auto-link URLs, and SNS messages are
 * often forwarded to places that render HTML or Markdown (e-mail-json to a ticketing
 * tool, chat webhooks). HTML-escaping ({@code &lt;}) would show entities to the
 * plain-text reader, so instead {@code <} and {@code >} become the look-alikes
 * {@code ‹ ›} (readable in plain text, never a tag in HTML) and {@code ://} becomes
 * {@code [:]//} (a URL a device sends is shown, not clickable), as security alerts
 * "defang" indicators.
 */
final class UntrustedText {

	static final String ELLIPSIS = "\u2026";

	private UntrustedText() {
	}

	/**
	 * One value, made safe and at most {@code maxLength} UTF-16 chars long.
	 */
	static String value(Object value, int maxLength) {
		return truncate(neutraliseMarkup(singleLine(String.valueOf(value))), maxLength);
	}

	/**
	 * Line breaks and tabs become spaces, runs of whitespace one space, other control
	 * characters, invisible formatting characters (bidi overrides, zero-width) and
	 * non-characters are removed, lone surrogates become U+FFFD; trimmed.
	 */
	static String singleLine(String text) {
		StringBuilder out = new StringBuilder(Math.min(text.length(), 1 << 16));
		boolean space = false;
		int i = 0;
		while (i < text.length()) {
			char c = text.charAt(i);
			int codePoint;
			int width;
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				codePoint = Character.toCodePoint(c, text.charAt(i + 1));
				width = 2;
			}
			else {
				codePoint = Character.isSurrogate(c) ? 0xFFFD : c;
				width = 1;
			}
			i += width;
			if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint) || isLineBreak(codePoint)) {
				space = out.length() > 0;
				continue;
			}
			if (isDropped(codePoint)) {
				continue;
			}
			if (space) {
				out.append(' ');
				space = false;
			}
			out.appendCodePoint(codePoint);
		}
		return out.toString();
	}

	/**
	 * Trusted multi-line text (a rendered body): line breaks normalised to {@code \n},
	 * tabs to spaces, other control and invisible formatting characters removed, lone
	 * surrogates replaced.
	 */
	static String multiLine(String text) {
		String normalised = text.replace("\r\n", "\n").replace('\r', '\n');
		StringBuilder out = new StringBuilder(normalised.length());
		int i = 0;
		while (i < normalised.length()) {
			char c = normalised.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < normalised.length()
					&& Character.isLowSurrogate(normalised.charAt(i + 1))) {
				int codePoint = Character.toCodePoint(c, normalised.charAt(i + 1));
				if (!isDropped(codePoint)) {
					out.appendCodePoint(codePoint);
				}
				i += 2;
				continue;
			}
			i++;
			if (c == '\n') {
				out.append('\n');
			}
			else if (c == '\t' || c == '\u2028' || c == '\u2029') {
				out.append(' ');
			}
			else if (Character.isSurrogate(c)) {
				out.append('\uFFFD');
			}
			else if (!isDropped(c)) {
				out.append(c);
			}
		}
		return out.toString();
	}

	static String neutraliseMarkup(String text) {
		return text.replace('<', '\u2039').replace('>', '\u203A').replace("://", "[:]//");
	}

	/**
	 * At most {@code maxLength} UTF-16 chars: longer text is cut (never inside a
	 * surrogate pair) and ends with an ellipsis.
	 */
	static String truncate(String text, int maxLength) {
		if (text.length() <= maxLength) {
			return text;
		}
		int end = maxLength - ELLIPSIS.length();
		if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(0, Math.max(0, end)) + ELLIPSIS;
	}

	private static boolean isLineBreak(int codePoint) {
		return codePoint == 0x85 || codePoint == 0x2028 || codePoint == 0x2029;
	}

	private static boolean isDropped(int codePoint) {
		int type = Character.getType(codePoint);
		return type == Character.CONTROL || type == Character.FORMAT || isNonCharacter(codePoint);
	}

	private static boolean isNonCharacter(int codePoint) {
		return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
	}

}
