package io.fleetstream.ingest.position;

import java.util.ArrayList;
import java.util.List;

import io.fleetstream.common.gps.GpsFix;
import io.fleetstream.common.pipeline.LoadRecord;
import io.fleetstream.common.pipeline.LoadResult;
import io.fleetstream.common.pipeline.RecordLoader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The {@value #NAME} loader: latest position, geo index, last-seen time and recent track
 * of each car, through {@link PositionWriter}.
 */
class RedisPositionLoader implements RecordLoader<GpsFix> {

	static final String NAME = "redis-position";

	private final PositionWriter writer;

	private final Counter stale;

	private final Counter unindexed;

	RedisPositionLoader(PositionWriter writer, MeterRegistry registry) {
		this.writer = writer;
		this.stale = Counter.builder("fleet.positions.stale")
			.description("Fixes older than or equal to their car's newest known fix when they arrived (kept out of "
					+ "the latest position)")
			.register(registry);
		this.unindexed = Counter.builder("fleet.positions.unindexed")
			.description("Fixes beyond the geo-indexable latitude (+-85.05112878): stored, not geo-indexed")
			.register(registry);
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Class<GpsFix> valueType() {
		return GpsFix.class;
	}

	@Override
	public LoadResult load(List<LoadRecord<GpsFix>> records) {
		List<GpsFix> fixes = new ArrayList<>(records.size());
		for (LoadRecord<GpsFix> record : records) {
			fixes.add(record.value());
		}
		int stale = this.writer.write(fixes).stale();
		if (stale > 0) {
			this.stale.increment(stale);
		}
		long polar = fixes.stream().filter((fix) -> !fix.geoIndexable()).count();
		if (polar > 0) {
			this.unindexed.increment(polar);
		}
		// every fix is valid by the time it gets here: Redis rejects none of them
		return LoadResult.allWritten();
	}

}
