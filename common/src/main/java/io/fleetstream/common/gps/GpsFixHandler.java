package io.fleetstream.common.gps;

import io.fleetstream.common.pipeline.Handled;
import io.fleetstream.common.pipeline.RecordHandler;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The {@value #NAME} handler: a {@code cars.gps.json}-shaped record (key = car id) to a
 * validated {@link GpsFix}.
 */
public class GpsFixHandler implements RecordHandler<GpsFix> {

	public static final String NAME = "gps-fix";

	private final GpsFixParser parser;

	public GpsFixHandler(GpsFixParser parser) {
		this.parser = parser;
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
	public Handled<GpsFix> handle(ConsumerRecord<String, byte[]> record) {
		return this.parser.parse(record.key(), record.value(), record.timestamp());
	}

}
