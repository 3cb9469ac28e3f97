package io.fleetstream.enrichment.snapshot;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The column names of a row or of a car's attributes, in order: one shared instance per
 * distinct list of names ({@link Interner}), so 200,000 rows of one table hold their
 * names once.
 */
final class ColumnLayout {

	private final String[] names;

	private final Map<String, Integer> index;

	ColumnLayout(List<String> names) {
		this.names = names.toArray(String[]::new);
		this.index = new HashMap<>(this.names.length * 2);
		for (int i = 0; i < this.names.length; i++) {
			this.index.put(this.names[i], i);
		}
	}

	int size() {
		return this.names.length;
	}

	String name(int i) {
		return this.names[i];
	}

	/** The position of the column, or -1. */
	int indexOf(Object name) {
		Integer i = this.index.get(name);
		return (i != null) ? i : -1;
	}

}
