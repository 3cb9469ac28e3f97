package io.fleetstream.alert.benchmark;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.fleetstream.alert.evaluation.CarAlerts;
import io.fleetstream.alert.evaluation.CarEvaluator;
import io.fleetstream.alert.evaluation.EnrichedState;
import io.fleetstream.alert.evaluation.KnownConditions;
import io.fleetstream.alert.rules.Rule;
import io.fleetstream.alert.rules.RuleKind;
import io.fleetstream.alert.rules.ShippedRules;

/**
 * Rule evaluation throughput: every shipped condition rule over 20,000 cars' states
 * (realistic signals, a few percent of them over a threshold), through
 * {@link CarEvaluator} as the loader calls it. Not part of the test run; run with
 * {@code java -cp <test classpath> io.fleetstream.alert.benchmark.RuleEvaluationBenchmark}
 * (docs/alerts.md, "Benchmark"). With {@code --changed} each record also lists the paths
 * it changed, in the simulator's mix (a GPS fix's four paths for three records in four,
 * one to three status signals for the fourth), and the loader's remembered condition
 * values are passed on: only the rules a record can change are evaluated, and the figure
 * is records/s.
 */
public final class RuleEvaluationBenchmark {

	private static final int CARS = 20_000;

	private RuleEvaluationBenchmark() {
	}

	public static void main(String[] args) {
		List<String> arguments = List.of(args);
		boolean changed = arguments.contains("--changed");
		int rounds = arguments.stream()
			.filter((arg) -> !arg.startsWith("--"))
			.findFirst()
			.map(Integer::parseInt)
			.orElse(30);
		List<Rule> rules = ShippedRules.rules().all();
		long conditionRules = rules.stream().filter((rule) -> rule.kind() == RuleKind.CONDITION).count();
		CarEvaluator evaluator = new CarEvaluator(rules);
		Random random = new Random(42);
		long t0 = 1_764_584_130_000L;
		EnrichedState[] states = new EnrichedState[CARS];
		for (int car = 0; car < CARS; car++) {
			states[car] = state("car-" + car, random, t0);
		}
		CarAlerts[] alerts = new CarAlerts[CARS];
		java.util.Arrays.fill(alerts, CarAlerts.NONE);
		KnownConditions[] known = new KnownConditions[CARS];
		java.util.Arrays.fill(known, KnownConditions.NONE);
		long offset = 0;
		for (int round = 0; round < rounds; round++) {
			long start = System.nanoTime();
			long transitions = 0;
			for (int car = 0; car < CARS; car++) {
				EnrichedState previous = states[car];
				EnrichedState next = new EnrichedState(previous.carId(), previous.eventTime() + 1000,
						previous.signals(), previous.signalTimes(), previous.reference(),
						changed ? changes(random) : null);
				states[car] = next;
				CarEvaluator.Evaluation evaluation = changed
						? evaluator.evaluate(alerts[car], known[car], next, offset++)
						: evaluator.evaluate(alerts[car], next, offset++);
				alerts[car] = evaluation.next();
				known[car] = changed ? evaluation.conditions() : KnownConditions.NONE;
				transitions += evaluation.transitions().size();
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			if (changed) {
				System.out.printf(
						"round %2d: %,.0f records/s, only the rules each record can change evaluated "
								+ "(%,d cars in %.3f s, %d transitions)%n",
						round, CARS / seconds, CARS, seconds, transitions);
				continue;
			}
			System.out.printf(
					"round %2d: %,.0f rule evaluations/s (%,d cars x %d condition rules in %.3f s, %d transitions)%n",
					round, CARS * conditionRules / seconds, CARS, conditionRules, seconds, transitions);
		}
	}

	private static final List<String> GPS_FIX = List.of("gps.lat", "gps.lng", "gps.speedKmh", "gps.heading");

	private static final List<String> STATUS_CHANGES = List.of("engine.rpm", "engine.coolantTempC", "battery.voltage",
			"battery.socPct", "fuel.levelPct", "tires.pressureKpa.frontLeft", "speedKmh", "odometerKm", "body.locked",
			"body.doors.frontLeft");

	private static List<String> changes(Random random) {
		if (random.nextInt(4) != 0) {
			return GPS_FIX;
		}
		int count = 1 + random.nextInt(3);
		List<String> changed = new java.util.ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			changed.add(STATUS_CHANGES.get(random.nextInt(STATUS_CHANGES.size())));
		}
		return changed;
	}

	private static EnrichedState state(String carId, Random random, long time) {
		Map<String, Object> signals = new HashMap<>();
		signals.put("engine.on", random.nextInt(10) < 6);
		signals.put("engine.rpm", (long) random.nextInt(3000));
		signals.put("engine.coolantTempC", 80 + random.nextDouble() * 35);
		signals.put("engine.oil.level", "NORMAL");
		for (String door : List.of("frontLeft", "frontRight", "rearLeft", "rearRight", "trunk")) {
			signals.put("body.doors." + door, random.nextInt(50) == 0 ? "OPEN" : "CLOSED");
		}
		signals.put("body.locked", true);
		signals.put("body.lights.headlights", random.nextInt(5) == 0 ? "ON" : "OFF");
		signals.put("body.lights.highBeam", "OFF");
		signals.put("battery.voltage", 11.5 + random.nextDouble() * 1.5);
		signals.put("battery.socPct", random.nextDouble() * 100);
		signals.put("fuel.levelPct", random.nextDouble() * 100);
		for (String tyre : List.of("frontLeft", "frontRight", "rearLeft", "rearRight")) {
			signals.put("tires.pressureKpa." + tyre, (long) (175 + random.nextInt(60)));
		}
		signals.put("safety.crashDetected", random.nextInt(1000) == 0);
		signals.put("safety.airbagDeployed", false);
		signals.put("speedKmh", random.nextDouble() * 140);
		signals.put("odometerKm", 48211.3);
		signals.put("gps.lat", 37.5 + random.nextDouble() * 0.2);
		signals.put("gps.lng", 126.9 + random.nextDouble() * 0.2);
		Map<String, Long> times = new HashMap<>();
		signals.keySet().forEach((path) -> times.put(path, time));
		return new EnrichedState(carId, time, Map.copyOf(signals), Map.copyOf(times), Map.of());
	}

}
