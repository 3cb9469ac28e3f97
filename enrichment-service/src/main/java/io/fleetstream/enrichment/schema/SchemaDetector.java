package io.fleetstream.enrichment.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.fleetstream.common.pipeline.RecordCoordinates;

/**
 * Decides, without I/O, which attributes of a record are schema changes against the types
 * known for its topic: a path never seen, a known path with another type, or a DMS
 * control record.
 */
public final class SchemaDetector {

	private SchemaDetector() {
	}

	public static List<SchemaChange> changes(Function<String, JsonType> known, SchemaSample sample,
			RecordCoordinates source, long eventTimeMs) {
		List<SchemaChange> changes = new ArrayList<>();
		if (sample.control() != null) {
			changes.add(SchemaChange.ofControl(source.topic(), sample.control(), eventTimeMs, source.partition(),
					source.offset()));
		}
		sample.forEachAttributeType((path, type) -> {
			JsonType held = known.apply(path);
			if (held != type) {
				changes.add(SchemaChange.ofPath(source.topic(), path, held, type, eventTimeMs, source.partition(),
						source.offset()));
			}
		});
		return changes;
	}

}
