package io.fleetstream.local.basemap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.fleetstream.local.simulator.SimulationArea;
import io.fleetstream.local.simulator.streets.HanRiver;
import io.fleetstream.local.simulator.streets.StreetNetwork;

/**
 * The live map's offline base layer as GeoJSON: the simulator's street network (local
 * streets, arterials, bridges), the Han river as the simulator models it, and a
 * coordinate grid. No package available here carries Seoul's geography, so the map draws
 * the same streets the simulated cars drive on. Deterministic: the same network always
 * renders to the same text, which is committed into ingest-service
 * ({@link BaseLayerGenerator}).
 */
public final class BaseLayer {

	/** Degrees between two grid lines. */
	static final double GRID_STEP_DEG = 0.05;

	private final SimulationArea area;

	private final StreetNetwork network;

	private final HanRiver river;

	public BaseLayer(SimulationArea area, StreetNetwork network) {
		this.area = area;
		this.network = network;
		this.river = new HanRiver(area);
	}

	/** The GeoJSON text: a FeatureCollection, one feature per line. */
	public String render() {
		List<String> features = new ArrayList<>();
		features.add(feature("river", "Polygon", "[" + line(riverOutline()) + "]"));
		for (String kind : List.of("local", "arterial", "bridge")) {
			features.add(feature(kind, "MultiLineString", lines(streets(kind))));
		}
		features.add(feature("grid", "MultiLineString", lines(grid())));
		return "{\"type\":\"FeatureCollection\",\"generator\":\"io.fleetstream.local.basemap.BaseLayerGenerator "
				+ "(do not edit by hand)\",\"features\":[\n" + String.join(",\n", features) + "\n]}\n";
	}

	/**
	 * The water as {@link HanRiver#covers} defines it: everything within
	 * {@link HanRiver#HALF_WIDTH_M} north or south of the centre line.
	 */
	private List<SimulationArea.Point> riverOutline() {
		List<SimulationArea.Point> north = new ArrayList<>();
		List<SimulationArea.Point> south = new ArrayList<>();
		for (SimulationArea.Point point : HanRiver.CENTRE_LINE) {
			double east = this.area.eastM(point.lat(), point.lng());
			double centre = this.river.centreNorthM(east);
			north.add(this.area.fromPlane(centre + HanRiver.HALF_WIDTH_M, east));
			south.add(0, this.area.fromPlane(centre - HanRiver.HALF_WIDTH_M, east));
		}
		List<SimulationArea.Point> ring = new ArrayList<>(north);
		ring.addAll(south);
		ring.add(north.get(0));
		return ring;
	}

	/**
	 * The streets of one kind (by speed limit), consecutive segments of one lattice line
	 * joined into one line.
	 */
	private List<List<SimulationArea.Point>> streets(String kind) {
		// lattice line -> its segments, as [from, to] node pairs ordered along the line
		Map<String, List<int[]>> byLine = new TreeMap<>();
		for (int[] street : this.network.streets()) {
			if (!kind.equals(kindOf(this.network.speedLimitKmh(street[0], street[1])))) {
				continue;
			}
			int a = street[0];
			int b = street[1];
			boolean eastWest = Math.abs(this.network.northM(a) - this.network.northM(b)) < 0.5;
			String line = eastWest ? String.format(Locale.ROOT, "n%012.1f", this.network.northM(a))
					: String.format(Locale.ROOT, "e%012.1f", this.network.eastM(a));
			boolean ordered = eastWest ? this.network.eastM(a) < this.network.eastM(b)
					: this.network.northM(a) < this.network.northM(b);
			byLine.computeIfAbsent(line, (key) -> new ArrayList<>()).add(ordered ? street : new int[] { b, a });
		}
		List<List<SimulationArea.Point>> lines = new ArrayList<>();
		for (Map.Entry<String, List<int[]>> line : byLine.entrySet()) {
			boolean eastWest = line.getKey().startsWith("n");
			List<int[]> segments = line.getValue();
			segments.sort(Comparator.comparingDouble(
					(int[] segment) -> eastWest ? this.network.eastM(segment[0]) : this.network.northM(segment[0])));
			List<SimulationArea.Point> current = null;
			int end = -1;
			for (int[] segment : segments) {
				if (current == null || segment[0] != end) {
					current = new ArrayList<>();
					current.add(this.network.point(segment[0]));
					lines.add(current);
				}
				current.add(this.network.point(segment[1]));
				end = segment[1];
			}
		}
		return lines;
	}

	private static String kindOf(double speedLimitKmh) {
		if (speedLimitKmh >= StreetNetwork.BRIDGE_SPEED_KMH) {
			return "bridge";
		}
		return (speedLimitKmh >= StreetNetwork.ARTERIAL_SPEED_KMH) ? "arterial" : "local";
	}

	/**
	 * Lines every {@link #GRID_STEP_DEG} over the area's bounding box, rounded outward.
	 */
	private List<List<SimulationArea.Point>> grid() {
		double latSpan = Math.toDegrees(this.area.radiusM() / 6_371_008.8);
		double lngSpan = latSpan / Math.cos(Math.toRadians(this.area.centreLat()));
		int steps = (int) Math.round(1 / GRID_STEP_DEG);
		int south = (int) Math.floor((this.area.centreLat() - latSpan) * steps);
		int north = (int) Math.ceil((this.area.centreLat() + latSpan) * steps);
		int west = (int) Math.floor((this.area.centreLng() - lngSpan) * steps);
		int east = (int) Math.ceil((this.area.centreLng() + lngSpan) * steps);
		List<List<SimulationArea.Point>> lines = new ArrayList<>();
		for (int lat = south; lat <= north; lat++) {
			lines.add(List.of(new SimulationArea.Point((double) lat / steps, (double) west / steps),
					new SimulationArea.Point((double) lat / steps, (double) east / steps)));
		}
		for (int lng = west; lng <= east; lng++) {
			lines.add(List.of(new SimulationArea.Point((double) south / steps, (double) lng / steps),
					new SimulationArea.Point((double) north / steps, (double) lng / steps)));
		}
		return lines;
	}

	private static String feature(String kind, String type, String coordinates) {
		return "{\"type\":\"Feature\",\"properties\":{\"kind\":\"" + kind + "\"},\"geometry\":{\"type\":\"" + type
				+ "\",\"coordinates\":" + coordinates + "}}";
	}

	private static String lines(List<List<SimulationArea.Point>> lines) {
		List<String> rendered = new ArrayList<>(lines.size());
		lines.forEach((line) -> rendered.add(line(line)));
		return "[" + String.join(",", rendered) + "]";
	}

	private static String line(List<SimulationArea.Point> points) {
		StringBuilder text = new StringBuilder("[");
		for (int i = 0; i < points.size(); i++) {
			if (i > 0) {
				text.append(',');
			}
			// GeoJSON order: longitude, latitude; 5 decimals is about a metre
			text.append(String.format(Locale.ROOT, "[%.5f,%.5f]", points.get(i).lng(), points.get(i).lat()));
		}
		return text.append(']').toString();
	}

}
