package io.fleetstream.common.gps;

/**
 * A top-level field of a GPS record as read from the JSON, before validation.
 *
 * @param kind what the JSON held
 * @param number the value, for {@link Kind#NUMBER}
 * @param text the value as written, for messages and for {@link Kind#STRING};
 * {@code null} for a number, which messages show as parsed
 */
record JsonField(Kind kind, double number, String text) {

	static final JsonField ABSENT = new JsonField(Kind.ABSENT, Double.NaN, "absent");

	static final JsonField NULL = new JsonField(Kind.NULL, Double.NaN, "null");

	static JsonField number(double value) {
		return new JsonField(Kind.NUMBER, value, null);
	}

	static JsonField string(String value) {
		return new JsonField(Kind.STRING, Double.NaN, value);
	}

	static JsonField other(String text) {
		return new JsonField(Kind.OTHER, Double.NaN, text);
	}

	boolean isMissing() {
		return this.kind == Kind.ABSENT || this.kind == Kind.NULL;
	}

	boolean isNumber() {
		return this.kind == Kind.NUMBER;
	}

	@Override
	public String toString() {
		if (this.kind == Kind.NUMBER) {
			double whole = Math.rint(this.number);
			return (whole == this.number && Math.abs(whole) < 1e15) ? Long.toString((long) whole)
					: Double.toString(this.number);
		}
		return (this.kind == Kind.STRING) ? '"' + this.text + '"' : this.text;
	}

	enum Kind {

		ABSENT, NULL, NUMBER, STRING, OTHER

	}

}
