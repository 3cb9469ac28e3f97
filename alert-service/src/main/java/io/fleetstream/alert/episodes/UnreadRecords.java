package io.fleetstream.alert.episodes;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fleetstream.alert.evaluation.CarAlerts;
import org.apache.kafka.common.TopicPartition;

/**
 * The enriched records the handler rejected, per car: the loader never sees them, so the
 * next record's {@code changed} does not cover what they changed, and the condition
 * values remembered for the car may be stale. The car's first record after a rejected one
 * evaluates every rule again. Shared by the handler and the loader of the enriched route
 * (a car is on one partition, read by one consumer thread; the handler runs before the
 * loader for each batch).
 */
final class UnreadRecords {

	private final Map<TopicPartition, Map<String, Long>> rejected = new ConcurrentHashMap<>();

	/** A record of the car at this offset was rejected. */
	void rejected(TopicPartition partition, String carId, long offset) {
		this.rejected.computeIfAbsent(partition, (tp) -> new ConcurrentHashMap<>()).merge(carId, offset, Math::max);
	}

	/**
	 * Whether a record of the car before this offset was rejected and not yet caught up.
	 */
	boolean missedBefore(TopicPartition partition, String carId, long offset) {
		if (this.rejected.isEmpty()) {
			return false;
		}
		Map<String, Long> cars = this.rejected.get(partition);
		Long at = (cars != null) ? cars.get(carId) : null;
		return at != null && at < offset;
	}

	/**
	 * The batch's states are recorded: a car evaluated past its rejected record has its
	 * condition values complete again.
	 */
	void evaluated(TopicPartition partition, Map<String, CarAlerts> cars) {
		if (this.rejected.isEmpty()) {
			return;
		}
		Map<String, Long> rejectedCars = this.rejected.get(partition);
		if (rejectedCars == null) {
			return;
		}
		cars.forEach((carId, state) -> rejectedCars.computeIfPresent(carId,
				(car, at) -> (state.lastOffset() > at) ? null : at));
	}

	/** The partitions are no longer this consumer's (their memory is dropped too). */
	void forget(Collection<TopicPartition> partitions) {
		partitions.forEach(this.rejected::remove);
	}

}
