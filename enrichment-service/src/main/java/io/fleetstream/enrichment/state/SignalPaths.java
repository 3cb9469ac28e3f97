package io.fleetstream.enrichment.state;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

/**
 * The signal paths of the fleet, shared by every car's state: each car holds the same few
 * dozen paths, so the state keeps one instance of each (not one per car), and the
 * enriched message writes each path as pre-quoted, pre-encoded bytes (it writes every
 * path of the state twice per record).
 * <p>
 * Bounded: a path beyond {@link #MAX_PATHS} distinct ones (a hostile or broken device
 * inventing paths) is used as it is, only not shared.
 */
final class SignalPaths {

	static final int MAX_PATHS = 65_536;

	private static final ConcurrentMap<String, SerializedString> PATHS = new ConcurrentHashMap<>();

	private SignalPaths() {
	}

	/** The shared instance of the path, to be held in a car's state. */
	static String shared(String path) {
		SerializedString known = known(path);
		return (known != null) ? known.getValue() : path;
	}

	/** The path as a JSON property name, or {@code null} beyond the bound. */
	static SerializableString name(String path) {
		return known(path);
	}

	private static SerializedString known(String path) {
		SerializedString known = PATHS.get(path);
		if (known == null && PATHS.size() < MAX_PATHS) {
			SerializedString added = new SerializedString(path);
			known = PATHS.putIfAbsent(path, added);
			if (known == null) {
				known = added;
			}
		}
		return known;
	}

}
