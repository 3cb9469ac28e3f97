package io.fleetstream.enrichment.telemetry;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.fleetstream.common.CarIds;
import io.fleetstream.common.gps.GpsFix;
import io.fleetstream.common.gps.GpsFixParser;
import io.fleetstream.common.pipeline.Handled;
import io.fleetstream.common.pipeline.RecordHandler;
import io.fleetstream.enrichment.flatten.FlattenException;
import io.fleetstream.enrichment.flatten.Flattened;
import io.fleetstream.enrichment.flatten.JsonFlattener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The {@value #NAME} handler: a GPS fix (parsed and validated by common's
 * {@link GpsFixParser}, as the {@code gps-fix} handler does) or a nested status message
 * (flattened within bounds) to a {@link TelemetryUpdate}. Both kinds go through one route
 * so that a car's GPS and status partitions are assigned to the same consumer
 * (docs/enrichment.md, "Why one route").
 */
public class TelemetryHandler implements RecordHandler<TelemetryUpdate> {

	public static final String NAME = "vehicle-telemetry";

	static final String INVALID_JSON = "invalid-json";

	static final String MISSING_CAR_ID = "missing-car-id";

	static final String INVALID_CAR_ID = "invalid-car-id";

	static final String INVALID_TS = "invalid-ts";

	private static final Set<String> NOT_SIGNALS = Set.of("ts");

	private final GpsFixParser gpsParser;

	private final JsonFlattener flattener;

	private final Set<String> gpsTopics;

	private final JsonMapper mapper = JsonMapper.builder().build();

	public TelemetryHandler(GpsFixParser gpsParser, JsonFlattener flattener, Set<String> gpsTopics) {
		this.gpsParser = gpsParser;
		this.flattener = flattener;
		this.gpsTopics = Set.copyOf(gpsTopics);
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
	public Handled<TelemetryUpdate> handle(ConsumerRecord<String, byte[]> record) {
		if (this.gpsTopics.contains(record.topic())) {
			return gps(this.gpsParser.parse(record.key(), record.value(), record.timestamp()));
		}
		return status(record);
	}

	static Handled<TelemetryUpdate> gps(Handled<GpsFix> handled) {
		if (handled instanceof Handled.Rejected<GpsFix> rejected) {
			return Handled.rejected(rejected.reason(), rejected.detail());
		}
		GpsFix fix = ((Handled.Accepted<GpsFix>) handled).value();
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		Map<String, JsonNode> signals = new LinkedHashMap<>();
		signals.put("gps.lat", nodes.numberNode(fix.lat()));
		signals.put("gps.lng", nodes.numberNode(fix.lng()));
		if (fix.speedKmh() != null) {
			signals.put("gps.speedKmh", nodes.numberNode(fix.speedKmh()));
		}
		if (fix.heading() != null) {
			signals.put("gps.heading", nodes.numberNode(fix.heading()));
		}
		return Handled.accepted(new TelemetryUpdate(fix.carId(), fix.ts(), signals, Set.of()), fix.ts());
	}

	private Handled<TelemetryUpdate> status(ConsumerRecord<String, byte[]> record) {
		if (record.key() == null || record.key().isBlank()) {
			return Handled.rejected(MISSING_CAR_ID, "the record key (car id) is empty");
		}
		if (!CarIds.isValid(record.key())) {
			// as for GPS fixes: a key no REST request could name must not become state
			return Handled.rejected(INVALID_CAR_ID, "the record key (car id) must be " + CarIds.RULE);
		}
		JsonNode root;
		try {
			root = this.mapper.readTree(record.value());
		}
		catch (JacksonException ex) {
			return Handled.rejected(INVALID_JSON, "not JSON: " + ex.getOriginalMessage());
		}
		Long ts = eventTime(root, record.timestamp());
		if (ts == null) {
			return Handled.rejected(INVALID_TS,
					"ts must be epoch milliseconds or an ISO-8601 date-time, was " + root.get("ts"));
		}
		try {
			Flattened flattened = this.flattener.flatten(root, NOT_SIGNALS);
			return Handled.accepted(new TelemetryUpdate(record.key(), ts, flattened.leaves(), flattened.arrays()), ts);
		}
		catch (FlattenException ex) {
			return Handled.rejected(ex.reason(), ex.getMessage());
		}
	}

	private static Long eventTime(JsonNode root, long recordTimestampMs) {
		JsonNode ts = (root != null && root.isObject()) ? root.get("ts") : null;
		if (ts == null || ts.isNull()) {
			return recordTimestampMs;
		}
		if (ts.isIntegralNumber() && ts.canConvertToLong()) {
			return ts.longValue();
		}
		if (ts.isString()) {
			try {
				return OffsetDateTime.parse(ts.stringValue()).toInstant().toEpochMilli();
			}
			catch (DateTimeException ex) {
				return null;
			}
		}
		return null;
	}

}
