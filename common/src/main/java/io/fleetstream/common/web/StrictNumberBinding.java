package io.fleetstream.common.web;

import java.beans.PropertyEditorSupport;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Numbers in request parameters and paths are plain decimals: an optional sign, digits,
 * an optional fraction and exponent for floating-point values ({@code 37.5665},
 * {@code -1.2e-3}). What Java's parsers also take, and a client hardly means, is refused
 * as a type mismatch (400): hexadecimal ({@code 0x1.2cp5}, {@code 0x10}, {@code #10}),
 * octal ({@code 010} read as 8 by {@code Integer.decode}), type suffixes ({@code 37.55d},
 * {@code 1f}), {@code NaN}, {@code Infinity} and surrounding blanks. An empty value is no
 * value, as before.
 */
@ControllerAdvice
class StrictNumberBinding {

	@InitBinder
	void strictNumbers(WebDataBinder binder) {
		register(binder, Double.class, double.class, StrictNumbers.DECIMAL, Double::valueOf);
		register(binder, Float.class, float.class, StrictNumbers.DECIMAL, Float::valueOf);
		register(binder, Long.class, long.class, StrictNumbers.WHOLE, Long::valueOf);
		register(binder, Integer.class, int.class, StrictNumbers.WHOLE, Integer::valueOf);
	}

	private static void register(WebDataBinder binder, Class<?> wrapper, Class<?> primitive, Pattern grammar,
			Function<String, Object> parser) {
		binder.registerCustomEditor(wrapper, new Editor(grammar, parser, true));
		binder.registerCustomEditor(primitive, new Editor(grammar, parser, false));
	}

	private static final class Editor extends PropertyEditorSupport {

		private final Pattern grammar;

		private final Function<String, Object> parser;

		private final boolean allowEmpty;

		Editor(Pattern grammar, Function<String, Object> parser, boolean allowEmpty) {
			this.grammar = grammar;
			this.parser = parser;
			this.allowEmpty = allowEmpty;
		}

		@Override
		public void setAsText(String text) {
			if (this.allowEmpty && (text == null || text.isEmpty())) {
				setValue(null);
				return;
			}
			if (text == null || !this.grammar.matcher(text).matches()) {
				throw new IllegalArgumentException("Not a plain decimal number: '" + text + "'");
			}
			// out of range of the type: NumberFormatException, an
			// IllegalArgumentException
			setValue(this.parser.apply(text));
		}

		@Override
		public String getAsText() {
			Object value = getValue();
			return (value != null) ? value.toString() : "";
		}

	}

}
