package io.fleetstream.enrichment.state;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fleetstream.common.pipeline.LoadRecord;
import io.fleetstream.common.pipeline.LoadResult;
import io.fleetstream.common.pipeline.RecordCoordinates;
import io.fleetstream.common.pipeline.RecordLoader;
import io.fleetstream.common.pipeline.RouteLifecycle;
import io.fleetstream.enrichment.telemetry.TelemetryUpdate;
import org.apache.kafka.common.TopicPartition;

/**
 * The {@value #NAME} loader: writes what the batch changed in each car's state to Redis,
 * coalesced per car, in one pipelined round trip.
 */
public class CarStateLoader implements RecordLoader<TelemetryUpdate>, RouteLifecycle {

	public static final String NAME = "car-state";

	private final CarStateJoin join;

	private final CarStateStore store;

	public CarStateLoader(CarStateJoin join, CarStateStore store) {
		this.join = join;
		this.store = store;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Class<TelemetryUpdate> valueType() {
		return TelemetryUpdate.class;
	}

	@Override
	public LoadResult load(List<LoadRecord<TelemetryUpdate>> records) {
		Map<Integer, Map<String, StateChange>> changes = new LinkedHashMap<>();
		for (LoadRecord<TelemetryUpdate> record : records) {
			StateChange change = this.join.join(record).change();
			changes.computeIfAbsent(record.source().partition(), (partition) -> new LinkedHashMap<>())
				.merge(change.carId(), change, StateChange::then);
		}
		this.store.write(changes);
		return LoadResult.allWritten();
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
