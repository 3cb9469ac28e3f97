package io.fleetstream.enrichment.snapshot;

import io.fleetstream.common.pipeline.Handled;
import io.fleetstream.common.pipeline.RecordHandler;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The {@value #NAME} handler: an AWS DMS Kafka target record of the car or device table
 * to a validated {@link CdcRecord}; malformed ones are rejected with a
 * {@link CdcRejection} code (and dead-lettered by the pipeline).
 */
class DmsCdcHandler implements RecordHandler<CdcRecord> {

	static final String NAME = "dms-cdc";

	private final DmsRecordParser parser;

	DmsCdcHandler(DmsRecordParser parser) {
		this.parser = parser;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Class<CdcRecord> valueType() {
		return CdcRecord.class;
	}

	@Override
	public Handled<CdcRecord> handle(ConsumerRecord<String, byte[]> record) {
		return this.parser.parse(record.value(), record.offset(), record.timestamp());
	}

}
