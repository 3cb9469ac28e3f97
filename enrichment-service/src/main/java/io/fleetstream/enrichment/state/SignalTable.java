package io.fleetstream.enrichment.state;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A car's signals by path, sorted by path (as a {@code TreeMap<String, Signal>} sorts
 * them, the order they are published in), held in arrays: the paths, each path's JSON
 * member name ({@code "path":}, from {@link SignalPaths}) and the signals.
 * <p>
 * Every enriched record walks the whole state of its car; over the whole fleet's states a
 * tree's nodes and a path lookup per signal cost a cache miss each (the join benchmark's
 * profile), where this is a scan of two arrays. Lookups are binary searches. Confined to
 * the thread that owns the car's partition.
 */
final class SignalTable extends AbstractMap<String, Signal> {

	private static final int INITIAL_CAPACITY = 8;

	private String[] paths = new String[INITIAL_CAPACITY];

	private byte[][] members = new byte[INITIAL_CAPACITY][];

	private Signal[] signals = new Signal[INITIAL_CAPACITY];

	// each signal's JSON text and time again, beside the paths: the enriched message
	// reads only these, so it follows no reference to a signal object (one cache miss
	// per signal fewer over the whole fleet's state, the join benchmark's profile)
	private byte[][] jsons = new byte[INITIAL_CAPACITY][];

	private long[] times = new long[INITIAL_CAPACITY];

	private int size;

	/** Structural changes, for the iterators' fail-fast check. */
	private int modifications;

	@Override
	public int size() {
		return this.size;
	}

	/** The path at this index, in path order. */
	String path(int index) {
		return this.paths[index];
	}

	/** The path's JSON member name at this index. */
	byte[] member(int index) {
		return this.members[index];
	}

	/** The signal at this index. */
	Signal signal(int index) {
		return this.signals[index];
	}

	/** The JSON text of the signal at this index ({@link Signal#json()}). */
	byte[] json(int index) {
		return this.jsons[index];
	}

	/** The event time of the signal at this index ({@link Signal#timeMs()}). */
	long time(int index) {
		return this.times[index];
	}

	@Override
	public Signal get(Object path) {
		int index = (path instanceof String text) ? indexOf(text) : -1;
		return (index >= 0) ? this.signals[index] : null;
	}

	@Override
	public boolean containsKey(Object path) {
		return path instanceof String text && indexOf(text) >= 0;
	}

	/** Sets the path's signal; a path new to the table keeps the instance given. */
	@Override
	public Signal put(String path, Signal signal) {
		if (path == null || signal == null) {
			throw new NullPointerException("path and signal are required");
		}
		int index = indexOf(path);
		if (index >= 0) {
			Signal held = this.signals[index];
			setAt(index, signal);
			return held;
		}
		insert(-index - 1, path, signal);
		return null;
	}

	@Override
	public Signal remove(Object path) {
		int index = (path instanceof String text) ? indexOf(text) : -1;
		if (index < 0) {
			return null;
		}
		Signal held = this.signals[index];
		removeAt(index);
		return held;
	}

	@Override
	public void clear() {
		Arrays.fill(this.paths, 0, this.size, null);
		Arrays.fill(this.members, 0, this.size, null);
		Arrays.fill(this.signals, 0, this.size, null);
		Arrays.fill(this.jsons, 0, this.size, null);
		this.size = 0;
		this.modifications++;
	}

	@Override
	public Set<Map.Entry<String, Signal>> entrySet() {
		return new Entries();
	}

	/**
	 * The path's index, or {@code -(insertion point) - 1} when absent (as
	 * {@link Arrays#binarySearch}): one search for a read followed by a write.
	 */
	int indexOf(String path) {
		int low = 0;
		int high = this.size - 1;
		while (low <= high) {
			int middle = (low + high) >>> 1;
			int order = this.paths[middle].compareTo(path);
			if (order < 0) {
				low = middle + 1;
			}
			else if (order > 0) {
				high = middle - 1;
			}
			else {
				return middle;
			}
		}
		return -(low + 1);
	}

	private void insert(int index, String path, Signal signal) {
		if (this.size == this.paths.length) {
			int capacity = this.size * 2;
			this.paths = Arrays.copyOf(this.paths, capacity);
			this.members = Arrays.copyOf(this.members, capacity);
			this.signals = Arrays.copyOf(this.signals, capacity);
			this.jsons = Arrays.copyOf(this.jsons, capacity);
			this.times = Arrays.copyOf(this.times, capacity);
		}
		int moved = this.size - index;
		System.arraycopy(this.paths, index, this.paths, index + 1, moved);
		System.arraycopy(this.members, index, this.members, index + 1, moved);
		System.arraycopy(this.signals, index, this.signals, index + 1, moved);
		System.arraycopy(this.jsons, index, this.jsons, index + 1, moved);
		System.arraycopy(this.times, index, this.times, index + 1, moved);
		this.paths[index] = path;
		this.members[index] = SignalPaths.member(path);
		setAt(index, signal);
		this.size++;
		this.modifications++;
	}

	/**
	 * Adds an absent path where {@link #indexOf} placed it ({@code -result - 1}), keeping
	 * the instance given.
	 */
	void insertAt(int insertionPoint, String path, Signal signal) {
		if (path == null || signal == null) {
			throw new NullPointerException("path and signal are required");
		}
		insert(insertionPoint, path, signal);
	}

	/** Replaces the signal at this index (from {@link #indexOf}). */
	void setAt(int index, Signal signal) {
		this.signals[index] = signal;
		this.jsons[index] = signal.json();
		this.times[index] = signal.timeMs();
	}

	private void removeAt(int index) {
		int moved = this.size - index - 1;
		System.arraycopy(this.paths, index + 1, this.paths, index, moved);
		System.arraycopy(this.members, index + 1, this.members, index, moved);
		System.arraycopy(this.signals, index + 1, this.signals, index, moved);
		System.arraycopy(this.jsons, index + 1, this.jsons, index, moved);
		System.arraycopy(this.times, index + 1, this.times, index, moved);
		this.size--;
		this.paths[this.size] = null;
		this.members[this.size] = null;
		this.signals[this.size] = null;
		this.jsons[this.size] = null;
		this.modifications++;
	}

	private final class Entries extends AbstractSet<Map.Entry<String, Signal>> {

		@Override
		public int size() {
			return SignalTable.this.size;
		}

		@Override
		public Iterator<Map.Entry<String, Signal>> iterator() {
			return new Iterator<>() {

				private int next;

				private int last = -1;

				private int expected = SignalTable.this.modifications;

				@Override
				public boolean hasNext() {
					return this.next < SignalTable.this.size;
				}

				@Override
				public Map.Entry<String, Signal> next() {
					check();
					if (this.next >= SignalTable.this.size) {
						throw new NoSuchElementException();
					}
					this.last = this.next++;
					return new SimpleImmutableEntry<>(SignalTable.this.paths[this.last],
							SignalTable.this.signals[this.last]);
				}

				@Override
				public void remove() {
					if (this.last < 0) {
						throw new IllegalStateException();
					}
					check();
					removeAt(this.last);
					this.next = this.last;
					this.last = -1;
					this.expected = SignalTable.this.modifications;
				}

				private void check() {
					if (this.expected != SignalTable.this.modifications) {
						throw new ConcurrentModificationException();
					}
				}

			};
		}

	}

}
