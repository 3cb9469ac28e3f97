package io.fleetstream.local.simulator.car;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a status message in the nested shape devices send (DESIGN.md): the reported
 * signals grouped by their path segments, {@code ts} first. The signals come in
 * {@link Signal} declaration order, which keeps each group's members together, so one
 * pass that closes and opens objects where the paths diverge writes the nesting.
 */
public final class StatusJson {

	private StatusJson() {
	}

	public static byte[] encode(long ts, Signals signals, List<Signal> reported) {
		StringBuilder json = new StringBuilder(64 + 40 * reported.size()).append("{\"ts\":").append(ts);
		List<String> open = new ArrayList<>();
		for (Signal signal : reported) {
			String[] segments = signal.path().split("\\.");
			int parents = segments.length - 1;
			int common = 0;
			while (common < open.size() && common < parents && open.get(common).equals(segments[common])) {
				common++;
			}
			while (open.size() > common) {
				json.append('}');
				open.remove(open.size() - 1);
			}
			for (int i = common; i < parents; i++) {
				appendName(json, segments[i]).append('{');
				open.add(segments[i]);
			}
			appendName(json, segments[parents]);
			appendValue(json, signal, signals.get(signal));
		}
		json.append("}".repeat(open.size()));
		return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
	}

	private static StringBuilder appendName(StringBuilder json, String name) {
		if (json.charAt(json.length() - 1) != '{') {
			json.append(',');
		}
		return json.append('"').append(name).append("\":");
	}

	private static void appendValue(StringBuilder json, Signal signal, double value) {
		switch (signal.kind()) {
			case BOOLEAN -> json.append(value == 1);
			case INTEGER -> json.append(Math.round(value));
			case DECIMAL -> json.append(Math.round(value * 100) / 100.0);
			case STATE -> json.append('"').append(signal.states().get((int) value)).append('"');
		}
	}

}
