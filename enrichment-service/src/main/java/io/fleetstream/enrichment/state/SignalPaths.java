package io.fleetstream.enrichment.state;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import tools.jackson.core.io.JsonStringEncoder;

/**
 * The signal paths of the fleet, shared by every car's state: each car holds the same few
 * dozen paths, so the state keeps one instance of each (not one per car), and the
 * enriched message copies each path's member name ({@code "path":}, escaped UTF-8), made
 * once (it writes every path of the state twice per record), and the state write sends
 * its UTF-8 bytes, also made once.
 * <p>
 * Bounded: a path beyond {@link #MAX_PATHS} distinct ones (a hostile or broken device
 * inventing paths) is used as it is, only not shared, and escaped each time it is
 * written.
 */
final class SignalPaths {

	static final int MAX_PATHS = 65_536;

	private static final ConcurrentMap<String, Path> PATHS = new ConcurrentHashMap<>();

	private SignalPaths() {
	}

	/** The shared instance of the path, to be held in a car's state. */
	static String shared(String path) {
		Path known = known(path);
		return (known != null) ? known.path : path;
	}

	/** The path escaped as JSON string content (without quotes), UTF-8. */
	static byte[] escaped(String path) {
		Path known = known(path);
		return (known != null) ? known.escaped : JsonStringEncoder.getInstance().quoteAsUTF8(path);
	}

	/** The path as a JSON object's member name: quoted, escaped, with the colon. */
	static byte[] member(String path) {
		Path known = known(path);
		return (known != null) ? known.member : memberOf(JsonStringEncoder.getInstance().quoteAsUTF8(path));
	}

	/** The path's UTF-8 bytes (a Redis hash field). */
	static byte[] utf8(String path) {
		Path known = known(path);
		return (known != null) ? known.utf8 : path.getBytes(StandardCharsets.UTF_8);
	}

	private static Path known(String path) {
		Path known = PATHS.get(path);
		if (known == null && PATHS.size() < MAX_PATHS) {
			byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(path);
			Path added = new Path(path, escaped, memberOf(escaped), path.getBytes(StandardCharsets.UTF_8));
			known = PATHS.putIfAbsent(path, added);
			if (known == null) {
				known = added;
			}
		}
		return known;
	}

	private static byte[] memberOf(byte[] escaped) {
		byte[] member = new byte[escaped.length + 3];
		member[0] = '"';
		System.arraycopy(escaped, 0, member, 1, escaped.length);
		member[escaped.length + 1] = '"';
		member[escaped.length + 2] = ':';
		return member;
	}

	private record Path(String path, byte[] escaped, byte[] member, byte[] utf8) {
	}

}
