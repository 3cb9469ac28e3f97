package io.fleetstream.ingest.live;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import io.fleetstream.ingest.position.PackedPosition;

/**
 * The stream's event payloads ({@code docs/map.md}), compact because a delta can carry
 * tens of thousands of cars each second: a car is an array
 * {@code [carId, ts, lat, lng, speedKmh, heading]} (speed and heading {@code null} when
 * the device did not send them).
 * <ul>
 * <li>{@code snapshot}: {@code {"chunk":i,"chunks":n,"cars":[...]}}, the fleet as the
 * feed knows it, in {@code n} events; the subscriber is in sync after chunk
 * {@code n - 1};</li>
 * <li>{@code delta}: {@code {"cars":[...],"gone":[carId, ...]}}, cars with a newer
 * position and cars no longer stored.</li>
 * </ul>
 * Car ids are JSON-escaped, including {@code <}, {@code >} and {@code &}, so a payload is
 * inert wherever it ends up.
 */
final class LiveEvents {

	static final String SNAPSHOT = "snapshot";

	static final String DELTA = "delta";

	private LiveEvents() {
	}

	/** The snapshot of {@code fleet} in events of at most {@code chunkSize} cars. */
	static List<String> snapshot(Map<String, PackedPosition> fleet, int chunkSize) {
		int chunks = Math.max(1, (fleet.size() + chunkSize - 1) / chunkSize);
		List<String> events = new ArrayList<>(chunks);
		Iterator<Map.Entry<String, PackedPosition>> cars = fleet.entrySet().iterator();
		for (int chunk = 0; chunk < chunks; chunk++) {
			StringBuilder json = new StringBuilder(64 + chunkSize * 64);
			json.append("{\"chunk\":").append(chunk).append(",\"chunks\":").append(chunks).append(",\"cars\":[");
			for (int i = 0; i < chunkSize && cars.hasNext(); i++) {
				Map.Entry<String, PackedPosition> car = cars.next();
				if (i > 0) {
					json.append(',');
				}
				car(json, car.getKey(), car.getValue());
			}
			events.add(json.append("]}").toString());
		}
		return events;
	}

	/**
	 * A change in events of at most {@code chunkSize} cars (the removed cars go with the
	 * first).
	 */
	static List<String> delta(LiveChange change, int chunkSize) {
		List<String> events = new ArrayList<>();
		Iterator<Map.Entry<String, PackedPosition>> cars = change.moved().entrySet().iterator();
		boolean first = true;
		while (first || cars.hasNext()) {
			StringBuilder json = new StringBuilder(64 + Math.min(chunkSize, change.moved().size()) * 64);
			json.append("{\"cars\":[");
			for (int i = 0; i < chunkSize && cars.hasNext(); i++) {
				Map.Entry<String, PackedPosition> car = cars.next();
				if (i > 0) {
					json.append(',');
				}
				car(json, car.getKey(), car.getValue());
			}
			json.append("],\"gone\":[");
			if (first) {
				for (int i = 0; i < change.gone().size(); i++) {
					if (i > 0) {
						json.append(',');
					}
					string(json, change.gone().get(i));
				}
			}
			events.add(json.append("]}").toString());
			first = false;
		}
		return events;
	}

	private static void car(StringBuilder json, String carId, PackedPosition position) {
		json.append('[');
		string(json, carId);
		json.append(',').append(position.ts()).append(',').append(position.lat()).append(',').append(position.lng());
		json.append(',').append((position.speedKmh() != null) ? position.speedKmh().toString() : "null");
		json.append(',').append((position.heading() != null) ? position.heading().toString() : "null");
		json.append(']');
	}

	static void string(StringBuilder json, String text) {
		json.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"' || c == '\\') {
				json.append('\\').append(c);
			}
			else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
				json.append(String.format("\\u%04x", (int) c));
			}
			else {
				json.append(c);
			}
		}
		json.append('"');
	}

}
