package io.fleetstream.enrichment.snapshot;

import io.fleetstream.common.pipeline.Handled;
import io.fleetstream.common.pipeline.RecordHandler;
import io.fleetstream.enrichment.EnrichmentProperties.SnapshotSettings;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@value #NAME} handler: an AWS DMS Kafka target record of the car or device table
 * to a validated {@link CdcRecord}; malformed ones are rejected with a
 * {@link CdcRejection} code (and dead-lettered by the pipeline). Public so that a
 * producer of DMS-format records (local-stack's simulator) can check its records against
 * the real parser.
 */
public class DmsCdcHandler implements RecordHandler<CdcRecord> {

	static final String NAME = "dms-cdc";

	private final DmsRecordParser parser;

	/**
	 * @param settings the tables and columns the snapshot is built from
	 */
	public DmsCdcHandler(SnapshotSettings settings) {
		// a plain mapper: parsing must not depend on the application's JSON
		// customizations
		this.parser = new DmsRecordParser(JsonMapper.builder().build(), settings);
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
