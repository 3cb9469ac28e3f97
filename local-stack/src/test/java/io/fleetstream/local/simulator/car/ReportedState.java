package io.fleetstream.local.simulator.car;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a consumer of a simulated car's reports knows about it: the latest value of every
 * reported signal (flattened as enrichment-service flattens status messages), the last
 * GPS speed and when the device last sent anything; plus how long a condition over that
 * state has held, in the reports' own time, as an alert rule's {@code for} measures it.
 */
final class ReportedState implements CarOutput {

	private final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, Object> state = new HashMap<>();

	private long lastReportMs = Long.MIN_VALUE;

	private long heldSinceMs = -1;

	private long longestHoldMs;

	@Override
	public void gps(CarProfile car, double lat, double lng, long ts, double speedKmh, double headingDeg) {
		this.state.put("gps.speedKmh", speedKmh);
		this.lastReportMs = ts;
	}

	@Override
	public void status(CarProfile car, long ts, byte[] message) {
		flatten("", this.json.readTree(message));
		this.lastReportMs = ts;
	}

	private void flatten(String prefix, JsonNode node) {
		for (Map.Entry<String, JsonNode> member : node.properties()) {
			String path = prefix.isEmpty() ? member.getKey() : prefix + "." + member.getKey();
			JsonNode value = member.getValue();
			if (value.isObject()) {
				flatten(path, value);
			}
			else if (!path.equals("ts")) {
				this.state.put(path, value.isBoolean() ? value.booleanValue()
						: value.isNumber() ? value.doubleValue() : value.stringValue());
			}
		}
	}

	/** Evaluates {@code condition} at {@code nowMs}, tracking how long it has held. */
	boolean track(long nowMs, Predicate<ReportedState> condition) {
		boolean holds = condition.test(this);
		if (holds && this.heldSinceMs < 0) {
			this.heldSinceMs = nowMs;
		}
		if (!holds) {
			this.heldSinceMs = -1;
		}
		if (holds) {
			this.longestHoldMs = Math.max(this.longestHoldMs, nowMs - this.heldSinceMs);
		}
		return holds;
	}

	long longestHoldMs() {
		return this.longestHoldMs;
	}

	Object get(String path) {
		return this.state.get(path);
	}

	double number(String path) {
		Object value = this.state.get(path);
		return (value instanceof Double number) ? number : Double.NaN;
	}

	long lastReportMs() {
		return this.lastReportMs;
	}

}
