package io.fleetstream.testsupport;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads Redis' {@code INFO commandstats} answer, for tests that count the commands a
 * piece of code sent.
 */
public final class RedisCommandStats {

	private static final String PREFIX = "cmdstat_";

	private RedisCommandStats() {
	}

	/**
	 * Calls per command so far (lower-case names, e.g. {@code evalsha}); a command never
	 * called is absent.
	 * @param info the text of {@code INFO commandstats}
	 */
	public static Map<String, Long> calls(String info) {
		Map<String, Long> calls = new HashMap<>();
		for (String line : info.split("\r?\n")) {
			if (line.startsWith(PREFIX)) {
				String command = line.substring(PREFIX.length(), line.indexOf(':'));
				String stats = line.substring(line.indexOf(':') + 1);
				calls.put(command, Long.parseLong(stats.split(",")[0].substring("calls=".length())));
			}
		}
		return calls;
	}

}
