package io.fleetstream.alert.episodes;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fleetstream.alert.evaluation.CarAlerts;
import io.fleetstream.alert.evaluation.CarEvaluator;
import io.fleetstream.alert.evaluation.EnrichedState;
import io.fleetstream.alert.evaluation.KnownConditions;
import io.fleetstream.alert.evaluation.Transition;
import io.fleetstream.alert.silences.Silence;
import io.fleetstream.alert.silences.SilenceStore;
import io.fleetstream.common.pipeline.LoadRecord;
import io.fleetstream.common.pipeline.LoadResult;
import io.fleetstream.common.pipeline.RecordCoordinates;
import io.fleetstream.common.pipeline.RecordLoader;
import io.fleetstream.common.pipeline.RouteLifecycle;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates every rule over each enriched record and carries the transitions to the
 * outlier topic and the delivery, exactly once per transition as far as this service can
 * make it (docs/alerts.md, "Delivery guarantee"):
 * <ol>
 * <li>the partition's state is in memory, loaded in bulk on assignment;</li>
 * <li>a batch is evaluated against it; a record at or below a car's last evaluated offset
 * is a replay and changes nothing; a rule whose paths the record did not change keeps the
 * condition value remembered for the car (in memory only), unless a record of the car was
 * rejected since ({@link UnreadRecords});</li>
 * <li>the new states and the transitions they produced are written in one HSET per
 * partition (the outbox), then applied in memory;</li>
 * <li>the outbox is flushed ({@link TransitionFlusher}).</li>
 * </ol>
 * A failure before 3 leaves nothing; after 3 the transitions are recorded and finished by
 * the retry, the tick, or the partition's next owner. The silent-vehicle rules run on the
 * pipeline's tick.
 */
class AlertLoader implements RecordLoader<EnrichedState>, RouteLifecycle {

	static final String NAME = "alert-episodes";

	private static final Logger logger = LoggerFactory.getLogger(AlertLoader.class);

	private final CarEvaluator evaluator;

	private final Transitions transitions;

	private final PartitionStore store;

	private final TransitionFlusher flusher;

	private final SilenceStore silences;

	private final AlertMetrics metrics;

	private final Clock clock;

	private final UnreadRecords unread;

	private final Map<TopicPartition, PartitionState> states = new ConcurrentHashMap<>();

	AlertLoader(CarEvaluator evaluator, Transitions transitions, PartitionStore store, TransitionFlusher flusher,
			SilenceStore silences, AlertMetrics metrics, UnreadRecords unread, Clock clock) {
		this.evaluator = evaluator;
		this.transitions = transitions;
		this.store = store;
		this.flusher = flusher;
		this.silences = silences;
		this.metrics = metrics;
		this.clock = clock;
		this.unread = unread;
		metrics.pendingEpisodes(() -> this.states.values().stream().mapToLong(PartitionState::pendingEpisodes).sum());
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Class<EnrichedState> valueType() {
		return EnrichedState.class;
	}

	@Override
	public Map<TopicPartition, Long> partitionsAssigned(Collection<TopicPartition> partitions) {
		this.states.putAll(this.store.load(partitions));
		return Map.of();
	}

	@Override
	public void partitionsRevoked(Collection<TopicPartition> partitions) {
		partitions.forEach(this.states::remove);
		this.unread.forget(partitions);
	}

	@Override
	public LoadResult load(List<LoadRecord<EnrichedState>> records) {
		Instant now = this.clock.instant();
		List<Silence> current = this.silences.current(now);
		Map<TopicPartition, PartitionStore.Changes> changes = new LinkedHashMap<>();
		for (LoadRecord<EnrichedState> record : records) {
			TopicPartition partition = record.source().topicPartition();
			PartitionState state = state(partition);
			PartitionStore.Changes change = changes.computeIfAbsent(partition, (tp) -> new PartitionStore.Changes());
			EnrichedState value = record.value();
			CarAlerts previous = change.cars.getOrDefault(value.carId(), state.car(value.carId()));
			KnownConditions known = change.conditions.getOrDefault(value.carId(), state.conditions(value.carId()));
			if (this.unread.missedBefore(partition, value.carId(), record.source().offset())) {
				known = KnownConditions.NONE;
			}
			CarEvaluator.Evaluation evaluation = this.evaluator.evaluate(previous, known, value,
					record.source().offset());
			if (evaluation.replayed()) {
				continue;
			}
			change.cars.put(value.carId(), evaluation.next());
			change.conditions.put(value.carId(), evaluation.conditions());
			evaluation.failures().forEach((failure) -> this.metrics.ruleError(failure.ruleId()));
			for (Transition transition : evaluation.transitions()) {
				change.entries.add(this.transitions.entry(transition, value, record.source().id(), current, now));
			}
		}
		applyAndRecord(changes);
		changes.forEach((partition, change) -> this.unread.evaluated(partition, change.cars));
		List<LoadResult.Failure> failures = new ArrayList<>();
		for (TopicPartition partition : changes.keySet()) {
			for (TransitionFlusher.Refused refused : this.flusher.flush(partition, state(partition))) {
				RecordCoordinates source = (refused.event() != null) ? source(records, refused.event().source()) : null;
				refusal(refused);
				if (source != null) {
					failures.add(new LoadResult.Failure(source, refused.reason(), "SNS refused the "
							+ refused.event().notificationId() + " notification: " + refused.detail()));
				}
			}
		}
		return LoadResult.failing(failures);
	}

	/**
	 * The batch's record with this {@code topic/partition/offset}, else {@code null}: the
	 * cause of a refused notification, which may also be a transition a failed earlier
	 * attempt of the batch recorded (looked up only on a refusal, which is rare).
	 */
	private static RecordCoordinates source(List<LoadRecord<EnrichedState>> records, String id) {
		if (id == null) {
			return null;
		}
		for (LoadRecord<EnrichedState> record : records) {
			if (record.source().id().equals(id)) {
				return record.source();
			}
		}
		return null;
	}

	private void refusal(TransitionFlusher.Refused refused) {
		String rule = (refused.event() != null) ? refused.event().ruleId() : "unknown";
		this.metrics.rejected(rule, refused.reason());
		logger.warn("SNS refused the notification of {} ({}): {}",
				(refused.event() != null) ? refused.event().notificationId() : "?", refused.reason(), refused.detail());
	}

	/** The silent-vehicle rules, and any transition a failed flush left behind. */
	@Override
	public void tick(Instant now, Collection<TopicPartition> partitions) {
		try {
			List<Silence> current = null;
			Map<TopicPartition, PartitionStore.Changes> changes = new LinkedHashMap<>();
			for (TopicPartition partition : partitions) {
				PartitionState state = this.states.get(partition);
				if (state == null) {
					continue;
				}
				PartitionStore.Changes change = new PartitionStore.Changes();
				for (Map.Entry<String, CarAlerts> car : state.cars.entrySet()) {
					CarEvaluator.Evaluation evaluation = this.evaluator.tick(car.getKey(), car.getValue(),
							now.toEpochMilli());
					if (evaluation.transitions().isEmpty()) {
						continue;
					}
					if (current == null) {
						current = this.silences.current(now);
					}
					change.cars.put(car.getKey(), evaluation.next());
					for (Transition transition : evaluation.transitions()) {
						change.entries.add(this.transitions.entry(transition, null, null, current, now));
					}
				}
				changes.put(partition, change);
			}
			applyAndRecord(changes);
			for (TopicPartition partition : partitions) {
				PartitionState state = this.states.get(partition);
				if (state != null && !state.outbox.isEmpty()) {
					this.flusher.flush(partition, state).forEach(this::refusal);
				}
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Alert tick failed (retried at the next tick): {}", ex.toString());
		}
	}

	private void applyAndRecord(Map<TopicPartition, PartitionStore.Changes> changes) {
		this.store.write(changes);
		changes.forEach((partition, change) -> {
			PartitionState state = state(partition);
			state.cars.putAll(change.cars);
			state.conditions.putAll(change.conditions);
			for (OutboxEntry entry : change.entries) {
				state.outbox.put(entry.event().notificationId(), entry);
				this.metrics.transition(entry.event().ruleId(), entry.event().severity(), entry.event().state(),
						entry.event().silenced());
			}
		});
	}

	private PartitionState state(TopicPartition partition) {
		// assigned partitions are loaded before their first batch; this covers a
		// component wired without the lifecycle (it loads on first use)
		return this.states.computeIfAbsent(partition, (tp) -> this.store.load(List.of(tp)).get(tp));
	}

}
