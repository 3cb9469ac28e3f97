package io.fleetstream.enrichment.state;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

import io.fleetstream.common.pipeline.LoadRecord;
import io.fleetstream.common.pipeline.RecordCoordinates;
import io.fleetstream.enrichment.snapshot.CarSnapshots;
import io.fleetstream.enrichment.telemetry.TelemetryUpdate;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The telemetry join: merges each update into the car's state held in memory for its
 * partition and joins it with the car's snapshot attributes, also in memory, so no record
 * costs a network round trip. A partition's state is loaded from Redis in bulk when the
 * partition is assigned and dropped when it is revoked.
 * <p>
 * Each record is joined once per batch attempt cycle: the result is kept until the batch
 * is committed, so the loaders that write it (Redis state, the enriched topic), in any
 * order and across retries, see the same result, and a retried loader does not merge the
 * update twice. Partitions are keyed by number: the route's topics are co-partitioned by
 * car id (same partition count, same key), and the range assignor gives one consumer the
 * same partition number of every topic.
 */
public class CarStateJoin {

	private static final Logger logger = LoggerFactory.getLogger(CarStateJoin.class);

	private final CarStateStore store;

	private final CarSnapshots snapshots;

	private final Clock clock;

	private final MeterRegistry registry;

	private final Counter unknownCars;

	private final ConcurrentMap<Integer, PartitionState> partitions = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, Counter> joinedByTopic = new ConcurrentHashMap<>();

	public CarStateJoin(CarStateStore store, CarSnapshots snapshots, Clock clock, MeterRegistry registry) {
		this.store = store;
		this.snapshots = snapshots;
		this.clock = clock;
		this.registry = registry;
		this.unknownCars = Counter.builder("fleet.enrichment.unknown.car")
			.description("Telemetry records of cars the snapshot does not know (published with referenceKnown=false)")
			.register(registry);
		Gauge.builder("fleet.enrichment.state.cars", this, CarStateJoin::carsHeld)
			.description("Cars whose up-to-date state this instance holds in memory")
			.register(registry);
	}

	/**
	 * The record's join result, computed on first use and kept until its batch commits.
	 */
	public Joined join(LoadRecord<TelemetryUpdate> record) {
		RecordCoordinates source = record.source();
		PartitionState partition = this.partitions.get(source.partition());
		if (partition == null) {
			logger.warn("Partition {} had no state loaded before its records; loading it now", source.partition());
			assigned(List.of(source.topicPartition()));
			partition = this.partitions.get(source.partition());
		}
		ResultKey key = new ResultKey(source.topic(), source.offset());
		Joined known = partition.results.get(key);
		if (known != null) {
			return known;
		}
		TelemetryUpdate update = record.value();
		CarState state = partition.cars.computeIfAbsent(update.carId(), (car) -> new CarState());
		StateChange change = StateMerge.apply(state, update);
		Map<String, Object> reference = this.snapshots.referenceOf(update.carId());
		if (reference.isEmpty()) {
			this.unknownCars.increment();
		}
		joined(source.topic()).increment();
		byte[] enriched = EnrichedMessage.bytes(update.carId(), update.eventTimeMs(), this.clock.millis(), source,
				change.changed(), state, reference);
		Joined result = new Joined(source, change, enriched);
		partition.results.put(key, result);
		return result;
	}

	/** Loads the state of partitions not held yet, in one bulk read. */
	public void assigned(Collection<TopicPartition> assigned) {
		Set<Integer> missing = numbers(assigned).stream()
			.filter((number) -> !this.partitions.containsKey(number))
			.collect(Collectors.toSet());
		if (missing.isEmpty()) {
			return;
		}
		this.store.load(missing).forEach((number, cars) -> {
			PartitionState state = new PartitionState();
			state.cars.putAll(cars);
			this.partitions.put(number, state);
			logger.info("Loaded the state of {} cars of partition {}", cars.size(), number);
		});
	}

	public void revoked(Collection<TopicPartition> revoked) {
		numbers(revoked).forEach(this.partitions::remove);
	}

	public void committed(List<RecordCoordinates> batch) {
		for (RecordCoordinates record : batch) {
			PartitionState partition = this.partitions.get(record.partition());
			if (partition != null) {
				partition.results.remove(new ResultKey(record.topic(), record.offset()));
			}
		}
	}

	/** The car's state held in memory (tests, diagnostics), or {@code null}. */
	public CarState held(String carId) {
		for (PartitionState partition : this.partitions.values()) {
			CarState state = partition.cars.get(carId);
			if (state != null) {
				return state;
			}
		}
		return null;
	}

	private double carsHeld() {
		return this.partitions.values().stream().mapToInt((partition) -> partition.cars.size()).sum();
	}

	private Counter joined(String topic) {
		return this.joinedByTopic.computeIfAbsent(topic,
				(name) -> Counter.builder("fleet.enrichment.records")
					.description("Telemetry records joined and enriched, by source topic")
					.tag("topic", name)
					.register(this.registry));
	}

	private static Set<Integer> numbers(Collection<TopicPartition> partitions) {
		return partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
	}

	/** One partition's cars and the results of its batches not committed yet. */
	private static final class PartitionState {

		final Map<String, CarState> cars = new HashMap<>();

		// keyed by topic and offset (the partition is this one): an id string built per
		// lookup, and then the coordinates' generated equals (five fields, the key's
		// characters compared), showed in the join benchmark's profiles
		final Map<ResultKey, Joined> results = new HashMap<>();

	}

	/** A record of the partition: its topic and offset. */
	private record ResultKey(String topic, long offset) {

		@Override
		public boolean equals(Object other) {
			// the topic names come from the consumer, mostly the same instances
			return other instanceof ResultKey key && key.offset == this.offset
					&& (key.topic == this.topic || key.topic.equals(this.topic));
		}

		@Override
		public int hashCode() {
			return 31 * Long.hashCode(this.offset) + this.topic.hashCode();
		}

	}

	/**
	 * @param source the record
	 * @param change what it changed in the car's state
	 * @param enriched the {@code cars.enriched.json} value
	 */
	public record Joined(RecordCoordinates source, StateChange change, byte[] enriched) {

	}

}
