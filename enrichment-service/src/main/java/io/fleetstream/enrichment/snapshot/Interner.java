package io.fleetstream.enrichment.snapshot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shares what many rows repeat: column layouts, and the values of low-cardinality columns
 * (model, zone, fuel type, firmware). A column stops being pooled once it has shown
 * {@value #MAX_POOLED_VALUES_PER_COLUMN} distinct values (plates, VINs and ids are
 * unique: pooling them would only add a map entry per value). Not thread-safe: used under
 * the snapshot's lock.
 */
final class Interner {

	static final int MAX_POOLED_VALUES_PER_COLUMN = 4096;

	private final Map<List<String>, ColumnLayout> layouts = new HashMap<>();

	private final Map<String, Map<Object, Object>> pools = new HashMap<>();

	ColumnLayout layout(List<String> names) {
		ColumnLayout layout = this.layouts.get(names);
		if (layout == null) {
			List<String> key = new ArrayList<>(names.size());
			names.forEach((name) -> key.add(name(name)));
			layout = new ColumnLayout(key);
			this.layouts.put(List.copyOf(key), layout);
		}
		return layout;
	}

	Object value(String column, Object value) {
		if (value == null || value instanceof Boolean) {
			return value;
		}
		Map<Object, Object> pool = this.pools.computeIfAbsent(column, (name) -> new HashMap<>());
		Object pooled = pool.get(value);
		if (pooled != null) {
			return pooled;
		}
		if (pool.size() < MAX_POOLED_VALUES_PER_COLUMN) {
			pool.put(value, value);
		}
		return value;
	}

	private String name(String name) {
		return name.intern();
	}

}
