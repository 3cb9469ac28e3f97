package io.fleetstream.alert.episodes;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fleetstream.alert.evaluation.CarAlerts;
import io.fleetstream.alert.evaluation.KnownConditions;

/**
 * One partition's alert state in memory, as loaded from Redis and kept in step with it:
 * each car's state and the transitions not yet finished. Touched only by the consumer
 * thread that owns the partition; the API reads episodes from Redis, never from here.
 */
final class PartitionState {

	final Map<String, CarAlerts> cars = new ConcurrentHashMap<>();

	final Map<String, OutboxEntry> outbox = new LinkedHashMap<>();

	/**
	 * Each car's condition values after its last evaluated record: not stored (unknown
	 * after an assignment, so every rule is evaluated once).
	 */
	final Map<String, KnownConditions> conditions = new HashMap<>();

	/**
	 * The newest handled offset of a partition whose records concern no car (schema
	 * changes); {@code -1}: none. Car partitions keep theirs per car.
	 */
	long offset = -1;

	CarAlerts car(String carId) {
		return this.cars.getOrDefault(carId, CarAlerts.NONE);
	}

	KnownConditions conditions(String carId) {
		return this.conditions.getOrDefault(carId, KnownConditions.NONE);
	}

	/** The unfinished transitions, oldest first, a firing before its resolution. */
	List<OutboxEntry> pending() {
		return this.outbox.values()
			.stream()
			.sorted(Comparator.comparingLong((OutboxEntry entry) -> entry.event().eventTime())
				.thenComparing((entry) -> entry.event().state().equals("FIRING") ? 0 : 1))
			.toList();
	}

	long pendingEpisodes() {
		return this.cars.values().stream().mapToLong(CarAlerts::pendingCount).sum();
	}

}
