package io.fleetstream.common.web;

import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The grammar of numbers in request parameters and paths ({@link StrictNumberBinding}):
 * plain decimals only, so {@code 0x1.2cp5}, {@code 010}, {@code 37.55d}, {@code NaN} and
 * surrounding blanks are refused rather than guessed. Public for argument resolvers that
 * read parameters without a data binder, so both paths accept exactly the same text.
 */
public final class StrictNumbers {

	static final Pattern DECIMAL = Pattern.compile("[-+]?\\d{1,30}(\\.\\d{1,30})?([eE][-+]?\\d{1,3})?");

	static final Pattern WHOLE = Pattern.compile("[-+]?\\d{1,19}");

	private StrictNumbers() {
	}

	/**
	 * @return {@code null} for a missing or empty value
	 * @throws IllegalArgumentException when the text is not a plain decimal or is out of
	 * range
	 */
	public static Double parseDouble(String text) {
		return parse(text, DECIMAL, Double::valueOf);
	}

	/**
	 * @return {@code null} for a missing or empty value
	 * @throws IllegalArgumentException when the text is not a plain whole number or is
	 * out of range of {@code int}
	 */
	public static Integer parseInteger(String text) {
		return parse(text, WHOLE, Integer::valueOf);
	}

	static <T> T parse(String text, Pattern grammar, Function<String, T> parser) {
		if (text == null || text.isEmpty()) {
			return null;
		}
		if (!grammar.matcher(text).matches()) {
			throw new IllegalArgumentException("Not a plain decimal number: '" + text + "'");
		}
		// out of range of the type: NumberFormatException, an IllegalArgumentException
		return parser.apply(text);
	}

}
