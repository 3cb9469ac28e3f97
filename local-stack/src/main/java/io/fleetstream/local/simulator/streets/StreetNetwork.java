package io.fleetstream.local.simulator.streets;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.random.RandomGenerator;

import io.fleetstream.local.simulator.SimulationArea;

/**
 * A street-like network for the simulated cars: a lattice of intersections every
 * {@code spacingM} metres over the area, with arterial roads on every fourth line,
 * nothing on the Han river, and bridges across it on every {@link #BRIDGE_EVERY}th
 * north-south line. Real Seoul streets are not this regular, but cars on it drive, turn
 * and stop at intersections the way city traffic does, which is what the services and the
 * map need. Only the largest connected part is kept, so every node reaches every other.
 * Immutable; shared by the simulator's threads.
 */
public final class StreetNetwork {

	public static final double LOCAL_SPEED_KMH = 40;

	public static final double ARTERIAL_SPEED_KMH = 60;

	public static final double BRIDGE_SPEED_KMH = 70;

	/** One bridge every this many north-south lines (1.5 km apart at 500 m spacing). */
	public static final int BRIDGE_EVERY = 3;

	private static final int ARTERIAL_EVERY = 4;

	private final SimulationArea area;

	private final double[] north;

	private final double[] east;

	private final int[][] neighbours;

	private final double[][] speedKmh;

	private StreetNetwork(SimulationArea area, double[] north, double[] east, int[][] neighbours, double[][] speedKmh) {
		this.area = area;
		this.north = north;
		this.east = east;
		this.neighbours = neighbours;
		this.speedKmh = speedKmh;
	}

	/** The network over {@code area}, intersections {@code spacingM} apart. */
	public static StreetNetwork build(SimulationArea area, double spacingM) {
		return new Lattice(area, spacingM).network();
	}

	public SimulationArea area() {
		return this.area;
	}

	/** How many intersections. */
	public int size() {
		return this.north.length;
	}

	public SimulationArea.Point point(int node) {
		return this.area.fromPlane(this.north[node], this.east[node]);
	}

	public double northM(int node) {
		return this.north[node];
	}

	public double eastM(int node) {
		return this.east[node];
	}

	/** The intersections one street away from {@code node}. */
	public int[] neighbours(int node) {
		return this.neighbours[node].clone();
	}

	public double distanceM(int a, int b) {
		return Math.hypot(this.north[a] - this.north[b], this.east[a] - this.east[b]);
	}

	/** The speed limit of the street between two neighbouring intersections. */
	public double speedLimitKmh(int from, int to) {
		int[] next = this.neighbours[from];
		for (int i = 0; i < next.length; i++) {
			if (next[i] == to) {
				return this.speedKmh[from][i];
			}
		}
		throw new IllegalArgumentException("No street between " + from + " and " + to);
	}

	public int randomNode(RandomGenerator random) {
		return random.nextInt(size());
	}

	/**
	 * A random intersection between {@code minM} and {@code maxM} from {@code node} as
	 * the crow flies (the trip's destination), or any random one if none is found
	 * quickly.
	 */
	public int destinationFrom(int node, double minM, double maxM, RandomGenerator random) {
		for (int attempt = 0; attempt < 50; attempt++) {
			int candidate = randomNode(random);
			double distance = distanceM(node, candidate);
			if (distance >= minM && distance <= maxM) {
				return candidate;
			}
		}
		int other = randomNode(random);
		return (other != node) ? other : this.neighbours[node][0];
	}

	/**
	 * The shortest route by length (A*), as the intersections passed, both ends included.
	 */
	public int[] route(int from, int to) {
		double[] cost = new double[size()];
		int[] previous = new int[size()];
		Arrays.fill(cost, Double.POSITIVE_INFINITY);
		Arrays.fill(previous, -1);
		cost[from] = 0;
		PriorityQueue<double[]> open = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
		// each entry carries its own cost: recovering it as (estimate - heuristic)
		// rounds,
		// and a rounded-up fresh entry was taken for a stale one and never expanded,
		// which
		// made routes longer than the shortest or not found at all
		open.add(new double[] { distanceM(from, to), from, 0 });
		while (!open.isEmpty()) {
			double[] head = open.poll();
			int node = (int) head[1];
			if (node == to) {
				break;
			}
			if (head[2] > cost[node]) {
				continue;
			}
			for (int next : this.neighbours[node]) {
				double candidate = cost[node] + distanceM(node, next);
				if (candidate < cost[next]) {
					cost[next] = candidate;
					previous[next] = node;
					open.add(new double[] { candidate + distanceM(next, to), next, candidate });
				}
			}
		}
		List<Integer> path = new ArrayList<>();
		for (int node = to; node != -1; node = previous[node]) {
			path.add(node);
			if (node == from) {
				break;
			}
		}
		if (path.get(path.size() - 1) != from) {
			throw new IllegalStateException("No route from " + from + " to " + to);
		}
		int[] route = new int[path.size()];
		for (int i = 0; i < route.length; i++) {
			route[i] = path.get(route.length - 1 - i);
		}
		return route;
	}

	/** Every street once, as pairs of intersections (lower index first). */
	public List<int[]> streets() {
		List<int[]> streets = new ArrayList<>();
		for (int node = 0; node < size(); node++) {
			for (int next : this.neighbours[node]) {
				if (node < next) {
					streets.add(new int[] { node, next });
				}
			}
		}
		return streets;
	}

	/** Builds the lattice, then keeps its largest connected part. */
	private static final class Lattice {

		private final SimulationArea area;

		private final double spacingM;

		private final HanRiver river;

		private final int half;

		private final int width;

		private final boolean[] present;

		private final List<List<int[]>> edges = new ArrayList<>();

		Lattice(SimulationArea area, double spacingM) {
			if (spacingM < 50 || spacingM > area.radiusM()) {
				throw new IllegalArgumentException("spacingM must be in [50, radius], was " + spacingM);
			}
			this.area = area;
			this.spacingM = spacingM;
			this.river = new HanRiver(area);
			this.half = (int) Math.floor(area.radiusM() / spacingM);
			this.width = 2 * this.half + 1;
			this.present = new boolean[this.width * this.width];
			for (int row = 0; row < this.width; row++) {
				for (int column = 0; column < this.width; column++) {
					double north = northOf(row);
					double east = eastOf(column);
					this.present[index(row, column)] = Math.hypot(north, east) <= area.radiusM()
							&& !this.river.covers(north, east);
				}
			}
			for (int i = 0; i < this.present.length; i++) {
				this.edges.add(new ArrayList<>());
			}
			connectStreets();
			connectBridges();
		}

		private void connectStreets() {
			for (int row = 0; row < this.width; row++) {
				for (int column = 0; column < this.width; column++) {
					if (column + 1 < this.width) {
						connect(row, column, row, column + 1,
								(row % ARTERIAL_EVERY == 0) ? ARTERIAL_SPEED_KMH : LOCAL_SPEED_KMH);
					}
					if (row + 1 < this.width) {
						connect(row, column, row + 1, column,
								(column % ARTERIAL_EVERY == 0) ? ARTERIAL_SPEED_KMH : LOCAL_SPEED_KMH);
					}
				}
			}
		}

		private void connect(int rowA, int columnA, int rowB, int columnB, double speedKmh) {
			int a = index(rowA, columnA);
			int b = index(rowB, columnB);
			if (this.present[a] && this.present[b]
					&& !this.river.separates(northOf(rowA), eastOf(columnA), northOf(rowB), eastOf(columnB))) {
				this.edges.get(a).add(new int[] { b, (int) speedKmh });
				this.edges.get(b).add(new int[] { a, (int) speedKmh });
			}
		}

		/**
		 * On bridge lines, the last intersection south of the water meets the first
		 * north.
		 */
		private void connectBridges() {
			for (int column = 0; column < this.width; column++) {
				if ((column - this.half) % BRIDGE_EVERY != 0) {
					continue;
				}
				int south = -1;
				for (int row = 0; row < this.width; row++) {
					int node = index(row, column);
					if (!this.present[node]) {
						continue;
					}
					if (south != -1 && row - south > 1
							&& this.river.separates(northOf(south), eastOf(column), northOf(row), eastOf(column))) {
						int a = index(south, column);
						this.edges.get(a).add(new int[] { node, (int) BRIDGE_SPEED_KMH });
						this.edges.get(node).add(new int[] { a, (int) BRIDGE_SPEED_KMH });
					}
					south = row;
				}
			}
		}

		StreetNetwork network() {
			int[] component = largestComponent();
			int[] renumbered = new int[this.present.length];
			Arrays.fill(renumbered, -1);
			for (int i = 0; i < component.length; i++) {
				renumbered[component[i]] = i;
			}
			double[] north = new double[component.length];
			double[] east = new double[component.length];
			int[][] neighbours = new int[component.length][];
			double[][] speeds = new double[component.length][];
			for (int i = 0; i < component.length; i++) {
				int old = component[i];
				north[i] = northOf(old / this.width);
				east[i] = eastOf(old % this.width);
				List<int[]> out = this.edges.get(old);
				neighbours[i] = new int[out.size()];
				speeds[i] = new double[out.size()];
				for (int k = 0; k < out.size(); k++) {
					neighbours[i][k] = renumbered[out.get(k)[0]];
					speeds[i][k] = out.get(k)[1];
				}
			}
			return new StreetNetwork(this.area, north, east, neighbours, speeds);
		}

		private int[] largestComponent() {
			int[] label = new int[this.present.length];
			Arrays.fill(label, -1);
			int best = -1;
			int bestSize = 0;
			for (int start = 0; start < this.present.length; start++) {
				if (!this.present[start] || label[start] != -1 || this.edges.get(start).isEmpty()) {
					continue;
				}
				int size = 0;
				ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(start));
				label[start] = start;
				while (!queue.isEmpty()) {
					int node = queue.poll();
					size++;
					for (int[] edge : this.edges.get(node)) {
						if (label[edge[0]] == -1) {
							label[edge[0]] = start;
							queue.add(edge[0]);
						}
					}
				}
				if (size > bestSize) {
					best = start;
					bestSize = size;
				}
			}
			int[] nodes = new int[bestSize];
			int next = 0;
			for (int i = 0; i < label.length; i++) {
				if (best != -1 && label[i] == best) {
					nodes[next++] = i;
				}
			}
			return nodes;
		}

		private int index(int row, int column) {
			return row * this.width + column;
		}

		private double northOf(int row) {
			return (row - this.half) * this.spacingM;
		}

		private double eastOf(int column) {
			return (column - this.half) * this.spacingM;
		}

	}

}
