package io.fleetstream.local.simulator;

import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

import io.fleetstream.local.LocalStackProperties;
import io.fleetstream.local.simulator.car.CarOutput;
import io.fleetstream.local.simulator.car.CarProfile;

/**
 * Turns what the simulated devices report into records, with the faults real fleets have
 * switched in at their configured rates: broken records of every kind the services reject
 * (cycling through the kinds so each shows up), fixes sent twice, and fixes held back and
 * sent after the car's next one. Not thread-safe: one simulator thread owns it.
 */
final class TelemetryOutput implements CarOutput {

	private final LocalStackProperties.Simulator settings;

	private final RecordSink sink;

	private final RandomGenerator random;

	private final SimulatedRecords fixes;

	private final Map<String, SimulatedRecord> heldBack = new HashMap<>();

	private long badStatus;

	TelemetryOutput(LocalStackProperties.Simulator settings, RecordSink sink, RandomGenerator random) {
		this.settings = settings;
		this.sink = sink;
		this.random = random;
		this.fixes = new SimulatedRecords(settings.badRecordRate(), random);
	}

	@Override
	public void gps(CarProfile car, double lat, double lng, long ts, double speedKmh, double headingDeg) {
		String topic = this.settings.topics().gps();
		SimulatedRecord record = this.fixes.next(new GpsSample(car.carId(), lat, lng, ts, speedKmh, headingDeg), ts);
		SimulatedRecord held = this.heldBack.remove(car.carId());
		if (held == null && chance(this.settings.outOfOrderRate())) {
			this.heldBack.put(car.carId(), record);
			return;
		}
		send(topic, record);
		if (held != null) {
			send(topic, held);
		}
		if (chance(this.settings.duplicateRate())) {
			send(topic, record);
		}
	}

	@Override
	public void status(CarProfile car, long ts, byte[] json) {
		String topic = this.settings.topics().status();
		if (chance(this.settings.badRecordRate())) {
			BadStatus kind = BadStatus.values()[(int) (this.badStatus++ % BadStatus.values().length)];
			send(topic, kind.record(car.carId()));
			return;
		}
		this.sink.send(topic, car.carId(), json);
	}

	private void send(String topic, SimulatedRecord record) {
		this.sink.send(topic, record.key(), record.value());
	}

	private boolean chance(double probability) {
		return probability > 0 && this.random.nextDouble() < probability;
	}

}
