package io.fleetstream.local.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.fleetstream.local.LocalComponent;
import io.fleetstream.local.LocalStackProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends the simulated fleet's GPS fixes to Kafka as the cars' devices would: one fix per
 * car per interval, keyed by car id, spread evenly over the interval. The movement itself
 * is {@link CarMotion}'s; this class only keeps time and produces.
 */
public final class GpsSimulator implements LocalComponent {

	private static final Log logger = LogFactory.getLog(GpsSimulator.class);

	private static final long TICK_MS = 10;

	private static final Duration STATUS_INTERVAL = Duration.ofMinutes(1);

	private final LocalStackProperties.Gps settings;

	private final String bootstrapServers;

	private final SimulationArea area;

	private final Clock clock;

	private final SplittableRandom random;

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private Fleet fleet;

	private SimulatedRecords records;

	private KafkaProducer<String, byte[]> producer;

	private ScheduledExecutorService executor;

	public GpsSimulator(LocalStackProperties.Gps settings, String bootstrapServers, SimulationArea area, Clock clock) {
		this.settings = settings;
		this.bootstrapServers = bootstrapServers;
		this.area = area;
		this.clock = clock;
		this.random = (settings.seed() != null) ? new SplittableRandom(settings.seed()) : new SplittableRandom();
	}

	@Override
	public String name() {
		return "GPS simulator";
	}

	@Override
	public String address() {
		return String.format("%,d cars around (%s, %s) within %.0f km, %s fix/s each -> %s%s", this.settings.cars(),
				this.area.centreLat(), this.area.centreLng(), this.area.radiusM() / 1000, this.settings.rateHz(),
				this.settings.topic(), (this.settings.badRecordRate() > 0)
						? String.format(", %.2f%% bad records", this.settings.badRecordRate() * 100) : "");
	}

	@Override
	public void start() {
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				ProducerConfig.CLIENT_ID_CONFIG, "fleet-local-gps-simulator", ProducerConfig.LINGER_MS_CONFIG, 5,
				ProducerConfig.ACKS_CONFIG, "1"), new StringSerializer(), new ByteArraySerializer());
		this.records = new SimulatedRecords(this.settings.badRecordRate(), this.random);
		this.fleet = Fleet.create(this.settings.cars(), this.settings.parkedShare(), this.clock.millis(),
				this.settings.intervalMs(), new CarMotion(this.area), this.random);
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> new Thread(task, "gps-simulator"));
		this.executor.scheduleAtFixedRate(this::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
		this.executor.scheduleAtFixedRate(this::logStatus, STATUS_INTERVAL.toMillis(), STATUS_INTERVAL.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	private void tick() {
		try {
			long now = this.clock.millis();
			long skipped = this.fleet.skipMissedIntervals(now, 5 * this.settings.intervalMs());
			if (skipped > 0) {
				logger.warn("Simulator fell " + skipped + " ms behind (machine asleep or overloaded); skipped ahead");
			}
			for (CarState car : this.fleet.due(now)) {
				send(car, now);
			}
		}
		catch (RuntimeException ex) {
			logger.error("Simulator tick failed; carrying on", ex);
		}
	}

	private void send(CarState car, long now) {
		SimulatedRecord record = this.records.next(car, now);
		this.producer.send(new ProducerRecord<>(this.settings.topic(), record.key(), record.value()),
				(metadata, ex) -> {
					if (ex == null) {
						this.sent.incrementAndGet();
					}
					else if (this.failed.getAndIncrement() % 10_000 == 0) {
						logger
							.warn("Could not send a fix (" + this.failed.get() + " failed so far): " + ex.getMessage());
					}
				});
	}

	private void logStatus() {
		logger.info(String.format("GPS simulator: %,d fixes sent, %,d failed", this.sent.get(), this.failed.get()));
	}

	/** Fixes the broker acknowledged so far. */
	public long sent() {
		return this.sent.get();
	}

	@Override
	public void stop() {
		if (this.executor != null) {
			this.executor.shutdown();
			try {
				this.executor.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.executor = null;
		}
		if (this.producer != null) {
			this.producer.close(Duration.ofSeconds(5));
			this.producer = null;
		}
	}

}
