package io.fleetstream.local.simulator.streets;

import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

import io.fleetstream.local.simulator.SimulationArea;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StreetNetworkTests {

	private static final StreetNetwork SEOUL = StreetNetwork.build(SimulationArea.SEOUL, 500);

	private final HanRiver river = new HanRiver(SimulationArea.SEOUL);

	@Test
	void coversTheCityWithIntersectionsEveryBlock() {
		// a 15 km disc holds ~2,800 lattice points at 500 m; the river takes a few
		// hundred
		assertThat(SEOUL.size()).isBetween(2_000, 2_900);
	}

	@Test
	void noIntersectionIsOnTheRiverAndOnlyBridgesCrossIt() {
		int bridges = 0;
		for (int node = 0; node < SEOUL.size(); node++) {
			assertThat(this.river.covers(SEOUL.northM(node), SEOUL.eastM(node))).isFalse();
			for (int next : SEOUL.neighbours(node)) {
				if (this.river.separates(SEOUL.northM(node), SEOUL.eastM(node), SEOUL.northM(next),
						SEOUL.eastM(next))) {
					assertThat(SEOUL.speedLimitKmh(node, next)).isEqualTo(StreetNetwork.BRIDGE_SPEED_KMH);
					assertThat(SEOUL.eastM(node)).isEqualTo(SEOUL.eastM(next));
					bridges++;
				}
			}
		}
		// every bridge counted from both ends; Seoul has about 20 bridges inside 15 km
		assertThat(bridges / 2).isBetween(10, 30);
	}

	@Test
	void everyRouteFollowsStreetsFromStartToDestination() {
		SplittableRandom random = new SplittableRandom(11);
		for (int trip = 0; trip < 200; trip++) {
			int from = SEOUL.randomNode(random);
			int to = SEOUL.destinationFrom(from, 1_000, 8_000, random);
			int[] route = SEOUL.route(from, to);
			assertThat(route[0]).isEqualTo(from);
			assertThat(route[route.length - 1]).isEqualTo(to);
			for (int i = 1; i < route.length; i++) {
				assertThat(SEOUL.neighbours(route[i - 1])).contains(route[i]);
			}
		}
	}

	/**
	 * The simulator routes hundreds of thousands of trips a minute at 200,000 cars, and
	 * one failed route skips the rest of a tick: from many starts, every intersection
	 * must be reachable, and A*'s route must be as short as Dijkstra's over the whole
	 * network.
	 */
	@Test
	void everyIntersectionIsReachableByAShortestRoute() {
		SplittableRandom random = new SplittableRandom(7);
		for (int start = 0; start < 8; start++) {
			int from = SEOUL.randomNode(random);
			double[] shortest = dijkstra(from);
			for (int to = 0; to < SEOUL.size(); to++) {
				int[] route = SEOUL.route(from, to);
				assertThat(route[0]).isEqualTo(from);
				assertThat(route[route.length - 1]).isEqualTo(to);
				double length = 0;
				for (int i = 1; i < route.length; i++) {
					length += SEOUL.distanceM(route[i - 1], route[i]);
				}
				assertThat(length).as("route %d -> %d", from, to).isCloseTo(shortest[to], within(1e-6));
			}
		}
	}

	private static double[] dijkstra(int from) {
		double[] cost = new double[SEOUL.size()];
		Arrays.fill(cost, Double.POSITIVE_INFINITY);
		cost[from] = 0;
		PriorityQueue<double[]> open = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
		open.add(new double[] { 0, from });
		while (!open.isEmpty()) {
			double[] head = open.poll();
			int node = (int) head[1];
			if (head[0] > cost[node]) {
				continue;
			}
			for (int next : SEOUL.neighbours(node)) {
				double candidate = cost[node] + SEOUL.distanceM(node, next);
				if (candidate < cost[next]) {
					cost[next] = candidate;
					open.add(new double[] { candidate, next });
				}
			}
		}
		return cost;
	}

	@Test
	void streetsAreLocalOrArterialAndListedOnce() {
		assertThat(SEOUL.streets()).allSatisfy((street) -> {
			assertThat(street[0]).isLessThan(street[1]);
			assertThat(SEOUL.speedLimitKmh(street[0], street[1])).isIn(StreetNetwork.LOCAL_SPEED_KMH,
					StreetNetwork.ARTERIAL_SPEED_KMH, StreetNetwork.BRIDGE_SPEED_KMH);
		}).hasSizeGreaterThan(SEOUL.size());
	}

}
