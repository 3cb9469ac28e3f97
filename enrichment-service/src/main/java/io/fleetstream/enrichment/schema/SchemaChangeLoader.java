package io.fleetstream.enrichment.schema;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.fleetstream.common.pipeline.LoadRecord;
import io.fleetstream.common.pipeline.LoadResult;
import io.fleetstream.common.pipeline.RecordLoader;
import io.fleetstream.common.pipeline.RouteLifecycle;
import io.fleetstream.enrichment.EnrichmentProperties.SchemaSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.core.KafkaTemplate;

/**
 * The {@value #NAME} loader: learns the attribute paths and types of every topic routed
 * to it and publishes each new path, retyped path and DMS control record once to
 * {@code fleet.schema-changes.json}, across instances and restarts.
 * <p>
 * Once per change: a change is claimed in Redis (atomically, per topic) before it is
 * published, and confirmed after the broker acknowledged it. A claim not confirmed within
 * {@code fleet.enrichment.schema.claim-lease} (the claimer crashed or stalled between
 * claim and confirm) is taken over and published by another consumer on its next tick: so
 * a change is never lost, and is published twice only when its claimer published it but
 * did not confirm before the lease ran out. Consumers de-duplicate on the event's
 * {@code id}.
 */
public class SchemaChangeLoader implements RecordLoader<SchemaSample>, RouteLifecycle {

	public static final String NAME = "schema-changes";

	private static final Logger logger = LoggerFactory.getLogger(SchemaChangeLoader.class);

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final SchemaStore store;

	private final SchemaSettings settings;

	private final SchemaBaseline baseline;

	private final KafkaTemplate<String, byte[]> template;

	private final Clock clock;

	private final MeterRegistry registry;

	private final String instance = UUID.randomUUID().toString();

	private final ConcurrentMap<String, TopicState> topics = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, Counter> changeCounters = new ConcurrentHashMap<>();

	public SchemaChangeLoader(SchemaStore store, SchemaSettings settings, SchemaBaseline baseline,
			KafkaTemplate<String, byte[]> template, Clock clock, MeterRegistry registry) {
		this.store = store;
		this.settings = settings;
		this.baseline = baseline;
		this.template = template;
		this.clock = clock;
		this.registry = registry;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Class<SchemaSample> valueType() {
		return SchemaSample.class;
	}

	@Override
	public LoadResult load(List<LoadRecord<SchemaSample>> records) {
		Map<String, List<LoadRecord<SchemaSample>>> byTopic = new LinkedHashMap<>();
		records.forEach(
				(record) -> byTopic.computeIfAbsent(record.source().topic(), (topic) -> new ArrayList<>()).add(record));
		byTopic.forEach(this::detect);
		return LoadResult.allWritten();
	}

	private void detect(String topic, List<LoadRecord<SchemaSample>> records) {
		TopicState state = topicState(topic);
		boolean learn = false;
		if (state.learning) {
			learn = this.store.addLearned(topic, records.size()) < this.settings.learnRecords();
			state.learning = learn;
		}
		Map<String, JsonType> seen = new HashMap<>();
		Map<String, SchemaChange> changes = new LinkedHashMap<>();
		for (LoadRecord<SchemaSample> record : records) {
			for (SchemaChange change : SchemaDetector.changes(
					(path) -> seen.containsKey(path) ? seen.get(path) : state.types.get(path), record.value(),
					record.source(), record.eventTimeMs())) {
				changes.putIfAbsent(change.id(), change);
				if (change.path() != null) {
					seen.put(change.path(), change.newType());
				}
			}
		}
		if (changes.isEmpty()) {
			return;
		}
		Map<String, String> toPublish = this.store.claim(List.copyOf(changes.values()), learn, claimer(),
				this.clock.millis(), this.settings.claimLease());
		publish(topic, toPublish);
		// only now: a failed claim or publish is retried with the batch and must be seen
		// again
		state.types.putAll(seen);
	}

	@Override
	public void tick(Instant now, Collection<TopicPartition> partitions) {
		for (String topic : this.topics.keySet()) {
			try {
				publish(topic,
						this.store.claimExpired(topic, claimer(), now.toEpochMilli(), this.settings.claimLease()));
			}
			catch (RuntimeException ex) {
				logger.warn("Could not take over the unconfirmed schema changes of {}: {}", topic, ex.toString());
			}
		}
	}

	private void publish(String topic, Map<String, String> events) {
		if (events.isEmpty()) {
			return;
		}
		List<CompletableFuture<?>> sends = new ArrayList<>();
		events.values()
			.forEach((event) -> sends.add(this.template.send(new ProducerRecord<>(this.settings.topic(), topic,
					event.getBytes(java.nio.charset.StandardCharsets.UTF_8)))));
		awaitSends(sends, this.settings.publishTimeout());
		this.store.confirm(topic, List.copyOf(events.keySet()));
		events.forEach((id, event) -> {
			String kind = MAPPER.readTree(event).get("kind").asString();
			counter(topic, kind).increment();
			logger.info("Schema change {} published", id);
		});
	}

	private TopicState topicState(String topic) {
		TopicState known = this.topics.get(topic);
		if (known != null) {
			return known;
		}
		SchemaStore.TopicSchema schema = this.store.load(topic);
		TopicState state = new TopicState();
		state.types.putAll(schema.types());
		if (this.settings.startMode() == SchemaSettings.StartMode.BASELINE) {
			seedBaseline(topic, state);
		}
		else {
			state.learning = schema.learnedRecords() < this.settings.learnRecords();
		}
		TopicState raced = this.topics.putIfAbsent(topic, state);
		return (raced != null) ? raced : state;
	}

	private void seedBaseline(String topic, TopicState state) {
		List<SchemaChange> seeds = new ArrayList<>();
		this.baseline.of(topic).forEach((path, type) -> {
			if (!state.types.containsKey(path)) {
				seeds.add(SchemaChange.ofPath(topic, path, null, type, this.clock.millis(), -1, -1));
			}
		});
		if (!seeds.isEmpty()) {
			this.store.claim(seeds, true, claimer(), this.clock.millis(), this.settings.claimLease());
			seeds.forEach((seed) -> state.types.put(seed.path(), seed.newType()));
		}
	}

	/**
	 * Unique per consumer thread: a retry of its own claim publishes, another's waits.
	 */
	private String claimer() {
		return this.instance + '/' + Thread.currentThread().getId();
	}

	private Counter counter(String topic, String kind) {
		return this.changeCounters.computeIfAbsent(topic + '|' + kind,
				(key) -> Counter.builder("fleet.enrichment.schema.changes")
					.description("Schema changes published, by topic and kind")
					.tags("topic", topic, "kind", kind)
					.register(this.registry));
	}

	private static void awaitSends(List<CompletableFuture<?>> sends, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		for (CompletableFuture<?> send : sends) {
			try {
				send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			catch (ExecutionException | TimeoutException ex) {
				throw new IllegalStateException("Publishing schema changes failed: " + ex, ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while publishing schema changes", ex);
			}
		}
	}

	private static final class TopicState {

		final Map<String, JsonType> types = new ConcurrentHashMap<>();

		volatile boolean learning;

	}

}
