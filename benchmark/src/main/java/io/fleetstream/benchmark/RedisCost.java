package io.fleetstream.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where Redis spent its time in a phase ({@code INFO commandstats}, reset before each
 * phase): the server-side cost per fix, which bounds every phase's rate on one Redis
 * core.
 */
final class RedisCost {

	/** Commands whose time includes that of the commands they call. */
	private static final Set<String> SCRIPT_COMMANDS = Set.of("eval", "evalsha", "eval_ro", "evalsha_ro", "fcall",
			"fcall_ro");

	private static final Pattern CALLS = Pattern.compile("calls=(\\d+),usec=(\\d+)");

	private RedisCost() {
	}

	static List<String> describe(Map<String, String> commandStats, long fixes) {
		Map<String, long[]> callsAndUsec = new LinkedHashMap<>();
		commandStats.forEach((command, values) -> {
			Matcher matcher = CALLS.matcher(values);
			if (matcher.find()) {
				callsAndUsec.put(command,
						new long[] { Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)) });
			}
		});
		boolean scripted = callsAndUsec.keySet().stream().anyMatch(SCRIPT_COMMANDS::contains);
		long totalUsec = callsAndUsec.entrySet()
			.stream()
			.filter((entry) -> !scripted || SCRIPT_COMMANDS.contains(entry.getKey()))
			.mapToLong((entry) -> entry.getValue()[1])
			.sum();
		List<String> lines = new ArrayList<>();
		callsAndUsec.forEach((command, value) -> {
			if (value[1] * 100 >= totalUsec) {
				lines.add(String.format(Locale.ROOT, "redis %s: %,d calls, %.1f us/call, %.1f fixes/call", command,
						value[0], (double) value[1] / Math.max(1, value[0]), (double) fixes / Math.max(1, value[0])));
			}
		});
		lines.add(String.format(Locale.ROOT, "redis time per fix: %.2f us (%.2f s of Redis command time in all%s)",
				(double) totalUsec / Math.max(1, fixes), totalUsec / 1e6,
				scripted ? "; commands called by scripts are inside the script's time" : ""));
		return lines;
	}

}
