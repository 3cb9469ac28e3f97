package io.fleetstream.benchmark;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.fleetstream.common.gps.GpsFixJson;

/**
 * Produces live fixes (event time = now) at a steady rate on its own thread: every car
 * reports once per {@code cars / rate} seconds, as a fleet at 1 Hz does when the rate
 * equals the number of cars. It catches up on its schedule rather than drifting, so the
 * achieved rate is the asked one unless the producer itself cannot keep up.
 */
final class SteadyLoad implements AutoCloseable {

	private final FixProducer producer;

	private final FleetDataset fleet;

	private final int rate;

	private final AtomicLong sent = new AtomicLong();

	private final Thread thread;

	private volatile boolean running = true;

	SteadyLoad(FixProducer producer, FleetDataset fleet, int rate) {
		this.producer = producer;
		this.fleet = fleet;
		this.rate = rate;
		this.thread = new Thread(this::produce, "steady-load");
		this.thread.setDaemon(true);
	}

	SteadyLoad start() {
		this.thread.start();
		return this;
	}

	long sent() {
		return this.sent.get();
	}

	private void produce() {
		long start = System.nanoTime();
		long count = 0;
		int lastRound = this.fleet.size() - this.fleet.cars();
		while (this.running) {
			long due = (System.nanoTime() - start) * this.rate / 1_000_000_000L;
			while (count < due) {
				int record = lastRound + (int) (count % this.fleet.cars());
				GpsFixValues fix = GpsFixValues.movedFrom(this.fleet, record, count / this.fleet.cars());
				this.producer.send(this.fleet.key(record), GpsFixJson.encode(fix.lat(), fix.lng(),
						System.currentTimeMillis(), fix.speedKmh(), (double) fix.heading()));
				count++;
				this.sent.set(count);
			}
			LockSupport.parkNanos(500_000);
		}
	}

	@Override
	public void close() {
		this.running = false;
		try {
			this.thread.join(5_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.producer.close();
	}

	/** A car's live position: its last data-set position, nudged a little each round. */
	private record GpsFixValues(double lat, double lng, double speedKmh, int heading) {

		static GpsFixValues movedFrom(FleetDataset fleet, int record, long round) {
			double drift = (round % 100) * 0.00001;
			var fix = fleet.fix(record);
			return new GpsFixValues(fix.lat() + drift, fix.lng() + drift, fix.speedKmh(), fix.heading().intValue());
		}

	}

}
