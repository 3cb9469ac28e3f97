package io.fleetstream.local.simulator;

import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;

import io.fleetstream.local.LocalStackProperties;
import io.fleetstream.local.simulator.car.Signal;
import io.fleetstream.local.simulator.cdc.DmsRecord;
import io.fleetstream.local.simulator.cdc.ReferenceData;

/**
 * Sends the reference tables' CDC as AWS DMS would: the full load at start, then a change
 * at the configured rate, and (with broken records switched on) one broken CDC record a
 * minute, each kind in turn. A firmware roll-out reaching a car turns on its new sensor
 * when the schema-change switch is on, so the next status message of that car carries an
 * attribute never seen before. Not thread-safe: one simulator thread owns it.
 */
final class ReferenceFeed {

	private static final long BAD_RECORD_EVERY_MS = 60_000;

	private final LocalStackProperties.Simulator settings;

	private final ReferenceData tables;

	private final RecordSink sink;

	private final long everyMs;

	private long nextChangeMs;

	private long nextBadMs;

	private int badRecords;

	ReferenceFeed(LocalStackProperties.Simulator settings, ReferenceData tables, RecordSink sink, long startMs) {
		this.settings = settings;
		this.tables = tables;
		this.sink = sink;
		double perMinute = settings.cdcChangesPerMinute();
		this.everyMs = (perMinute > 0) ? Math.max(1, Math.round(60_000 / perMinute)) : Long.MAX_VALUE;
		this.nextChangeMs = (perMinute > 0) ? startMs + this.everyMs : Long.MAX_VALUE;
		this.nextBadMs = (settings.badRecordRate() > 0) ? startMs + BAD_RECORD_EVERY_MS : Long.MAX_VALUE;
	}

	/** Sends the full load of both tables. */
	void sendFullLoad(long nowMs) {
		send(this.tables.fullLoad(Instant.ofEpochMilli(nowMs)));
	}

	/** Sends the changes due by {@code nowMs}. */
	void sendDue(long nowMs, Fleet fleet, RandomGenerator random) {
		while (nowMs >= this.nextChangeMs) {
			List<DmsRecord> change = this.tables.nextChange(Instant.ofEpochMilli(nowMs), random);
			send(change);
			for (DmsRecord record : change) {
				if (this.settings.schemaChange() && ReferenceData.NEW_FIRMWARE.equals(record.row().get("firmware"))) {
					int car = carIndex((String) record.row().get("car_id"));
					if (car >= 0 && car < fleet.size()) {
						fleet.car(car).signals().set(Signal.LANE_CAMERA_CALIBRATED, true);
					}
				}
			}
			this.nextChangeMs += this.everyMs;
		}
		if (nowMs >= this.nextBadMs) {
			BadCdc kind = BadCdc.values()[this.badRecords++ % BadCdc.values().length];
			SimulatedRecord record = kind.record(fleet.car(random.nextInt(fleet.size())).profile().carId());
			this.sink.send(this.settings.topics().carinfo(), record.key(), record.value());
			this.nextBadMs += BAD_RECORD_EVERY_MS;
		}
	}

	private void send(List<DmsRecord> records) {
		for (DmsRecord record : records) {
			String topic = record.table().equals("carinfo") ? this.settings.topics().carinfo()
					: this.settings.topics().deviceinfo();
			this.sink.send(topic, record.key(), record.json());
		}
	}

	/** {@code car-00042} is car 41. */
	static int carIndex(String carId) {
		try {
			return Integer.parseInt(carId.substring(carId.indexOf('-') + 1)) - 1;
		}
		catch (RuntimeException ex) {
			return -1;
		}
	}

}
