package io.fleetstream.enrichment.state;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.fleetstream.common.kafka.KafkaTopicLoader;
import io.fleetstream.common.pipeline.LoadRecord;
import io.fleetstream.common.pipeline.LoadResult;
import io.fleetstream.common.pipeline.RecordCoordinates;
import io.fleetstream.common.pipeline.RecordLoader;
import io.fleetstream.common.pipeline.RouteLifecycle;
import io.fleetstream.enrichment.telemetry.TelemetryUpdate;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.core.KafkaTemplate;

/**
 * The {@value #NAME} loader: publishes each update's enriched state to
 * {@code cars.enriched.json}, keyed by car id, through common's {@link KafkaTopicLoader}
 * (header {@code fleet_source}, deterministic ids). It shares the join with
 * {@link CarStateLoader}, so either may come first in the route.
 */
public class EnrichedTopicLoader implements RecordLoader<TelemetryUpdate>, RouteLifecycle {

	public static final String NAME = "enriched-kafka";

	private final CarStateJoin join;

	private final KafkaTopicLoader<TelemetryUpdate> publisher;

	public EnrichedTopicLoader(CarStateJoin join, String topic, KafkaTemplate<String, byte[]> template,
			Duration timeout) {
		this.join = join;
		this.publisher = new KafkaTopicLoader<>(NAME, TelemetryUpdate.class, topic, template,
				(record) -> join.join(record).enriched(), timeout);
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Class<TelemetryUpdate> valueType() {
		return TelemetryUpdate.class;
	}

	public String topic() {
		return this.publisher.topic();
	}

	@Override
	public LoadResult load(List<LoadRecord<TelemetryUpdate>> records) {
		return this.publisher.load(records);
	}

	@Override
	public Map<TopicPartition, Long> partitionsAssigned(Collection<TopicPartition> partitions) {
		this.join.assigned(partitions);
		return Map.of();
	}

	@Override
	public void partitionsRevoked(Collection<TopicPartition> partitions) {
		this.join.revoked(partitions);
	}

	@Override
	public void batchCommitted(List<RecordCoordinates> batch) {
		this.join.committed(batch);
	}

}
