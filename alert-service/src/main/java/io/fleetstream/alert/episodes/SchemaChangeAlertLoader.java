package io.fleetstream.alert.episodes;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fleetstream.alert.rules.Rule;
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
 * The {@value #NAME} loader: every {@code fleet.schema-changes.json} event becomes one
 * transition of each {@code schema-change} rule, carried to the outlier topic and the
 * delivery by the same outbox path as the car rules ({@link AlertLoader}): the
 * partition's newest handled offset and the batch's transitions are written in one HSET,
 * then flushed. A replayed record (at or below that offset) changes nothing; an event
 * enrichment-service sent twice (its own crash window) has the same episode id, so the
 * delivery does not e-mail it again.
 */
class SchemaChangeAlertLoader implements RecordLoader<SchemaChangeEvent>, RouteLifecycle {

	static final String NAME = "schema-change-alerts";

	private static final Logger logger = LoggerFactory.getLogger(SchemaChangeAlertLoader.class);

	private final List<Rule> rules;

	private final Transitions transitions;

	private final PartitionStore store;

	private final TransitionFlusher flusher;

	private final SilenceStore silences;

	private final AlertMetrics metrics;

	private final Clock clock;

	private final Map<TopicPartition, PartitionState> states = new ConcurrentHashMap<>();

	/**
	 * @param rules the enabled {@code schema-change} rules (none: events are read and
	 * skipped)
	 */
	SchemaChangeAlertLoader(List<Rule> rules, Transitions transitions, PartitionStore store, TransitionFlusher flusher,
			SilenceStore silences, AlertMetrics metrics, Clock clock) {
		this.rules = List.copyOf(rules);
		this.transitions = transitions;
		this.store = store;
		this.flusher = flusher;
		this.silences = silences;
		this.metrics = metrics;
		this.clock = clock;
		if (this.rules.isEmpty()) {
			logger.info("No schema-change rule enabled: schema changes are read and not notified");
		}
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Class<SchemaChangeEvent> valueType() {
		return SchemaChangeEvent.class;
	}

	@Override
	public Map<TopicPartition, Long> partitionsAssigned(Collection<TopicPartition> partitions) {
		this.states.putAll(this.store.load(partitions));
		return Map.of();
	}

	@Override
	public void partitionsRevoked(Collection<TopicPartition> partitions) {
		partitions.forEach(this.states::remove);
	}

	@Override
	public LoadResult load(List<LoadRecord<SchemaChangeEvent>> records) {
		if (this.rules.isEmpty()) {
			return LoadResult.allWritten();
		}
		Instant now = this.clock.instant();
		List<Silence> current = this.silences.current(now);
		Map<TopicPartition, PartitionStore.Changes> changes = new LinkedHashMap<>();
		Map<String, RecordCoordinates> sources = new HashMap<>();
		for (LoadRecord<SchemaChangeEvent> record : records) {
			TopicPartition partition = record.source().topicPartition();
			PartitionState state = state(partition);
			PartitionStore.Changes change = changes.computeIfAbsent(partition, (tp) -> new PartitionStore.Changes());
			sources.put(record.source().id(), record.source());
			long handled = Math.max(state.offset, change.offset);
			if (record.source().offset() <= handled) {
				continue;
			}
			change.offset = record.source().offset();
			for (Rule rule : this.rules) {
				change.entries
					.add(this.transitions.schemaChange(rule, record.value(), record.source().id(), current, now));
			}
		}
		this.store.write(changes);
		changes.forEach((partition, change) -> {
			PartitionState state = state(partition);
			state.offset = Math.max(state.offset, change.offset);
			for (OutboxEntry entry : change.entries) {
				state.outbox.put(entry.event().notificationId(), entry);
				this.metrics.transition(entry.event().ruleId(), entry.event().severity(), entry.event().state(),
						entry.event().silenced());
			}
		});
		List<LoadResult.Failure> failures = new ArrayList<>();
		for (TopicPartition partition : changes.keySet()) {
			for (TransitionFlusher.Refused refused : this.flusher.flush(partition, state(partition))) {
				refusal(refused);
				RecordCoordinates source = (refused.event() != null) ? sources.get(refused.event().source()) : null;
				if (source != null) {
					failures.add(new LoadResult.Failure(source, refused.reason(), "SNS refused the "
							+ refused.event().notificationId() + " notification: " + refused.detail()));
				}
			}
		}
		return LoadResult.failing(failures);
	}

	/** Finishes the transitions a failed flush left behind. */
	@Override
	public void tick(Instant now, Collection<TopicPartition> partitions) {
		for (TopicPartition partition : partitions) {
			PartitionState state = this.states.get(partition);
			if (state == null || state.outbox.isEmpty()) {
				continue;
			}
			try {
				this.flusher.flush(partition, state).forEach(this::refusal);
			}
			catch (RuntimeException ex) {
				logger.warn("Schema-change alert flush failed (retried at the next tick): {}", ex.toString());
			}
		}
	}

	private void refusal(TransitionFlusher.Refused refused) {
		String rule = (refused.event() != null) ? refused.event().ruleId() : "unknown";
		this.metrics.rejected(rule, refused.reason());
		logger.warn("SNS refused the notification of {} ({}): {}",
				(refused.event() != null) ? refused.event().notificationId() : "?", refused.reason(), refused.detail());
	}

	private PartitionState state(TopicPartition partition) {
		return this.states.computeIfAbsent(partition, (tp) -> this.store.load(List.of(tp)).get(tp));
	}

}
