package io.fleetstream.enrichment.snapshot;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An immutable map of column names to values in two arrays' worth of memory: a shared
 * {@link ColumnLayout} and one value array. Rows and cars' attributes are held this way.
 */
final class Attributes extends AbstractMap<String, Object> {

	private final ColumnLayout layout;

	private final Object[] values;

	Attributes(ColumnLayout layout, Object[] values) {
		if (layout.size() != values.length) {
			throw new IllegalArgumentException(layout.size() + " columns, " + values.length + " values");
		}
		this.layout = layout;
		this.values = values;
	}

	static Attributes of(Interner interner, Map<String, Object> columns) {
		Object[] values = new Object[columns.size()];
		int i = 0;
		for (Map.Entry<String, Object> column : columns.entrySet()) {
			values[i++] = interner.value(column.getKey(), column.getValue());
		}
		return new Attributes(interner.layout(java.util.List.copyOf(columns.keySet())), values);
	}

	@Override
	public Object get(Object key) {
		int i = this.layout.indexOf(key);
		return (i >= 0) ? this.values[i] : null;
	}

	@Override
	public boolean containsKey(Object key) {
		return this.layout.indexOf(key) >= 0;
	}

	@Override
	public int size() {
		return this.values.length;
	}

	/**
	 * Without an entry object per column: the join writes every car's attributes per
	 * record.
	 */
	@Override
	public void forEach(BiConsumer<? super String, ? super Object> action) {
		for (int i = 0; i < this.values.length; i++) {
			action.accept(this.layout.name(i), this.values[i]);
		}
	}

	@Override
	public Set<Map.Entry<String, Object>> entrySet() {
		return new AbstractSet<>() {

			@Override
			public Iterator<Map.Entry<String, Object>> iterator() {
				return new Iterator<>() {

					private int next;

					@Override
					public boolean hasNext() {
						return this.next < Attributes.this.values.length;
					}

					@Override
					public Map.Entry<String, Object> next() {
						if (!hasNext()) {
							throw new NoSuchElementException();
						}
						int i = this.next++;
						return new SimpleImmutableEntry<>(Attributes.this.layout.name(i), Attributes.this.values[i]);
					}

				};
			}

			@Override
			public int size() {
				return Attributes.this.values.length;
			}

		};
	}

}
