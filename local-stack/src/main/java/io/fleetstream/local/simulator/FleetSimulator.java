package io.fleetstream.local.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.fleetstream.local.LocalComponent;
import io.fleetstream.local.LocalStackProperties;
import io.fleetstream.local.simulator.car.CarProfile;
import io.fleetstream.local.simulator.car.SimulatedCar;
import io.fleetstream.local.simulator.cdc.ReferenceData;
import io.fleetstream.local.simulator.streets.StreetNetwork;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Runs the simulated fleet against Kafka as the cars' devices and the operator's DMS task
 * would: the reference tables' full load first, then every car's GPS fixes and status
 * messages (spread evenly over each second), reference-data changes and the scripted
 * incidents. Movement and signals are the cars' own ({@link SimulatedCar}); this class
 * keeps time, produces and counts.
 */
public final class FleetSimulator implements LocalComponent {

	private static final Log logger = LogFactory.getLog(FleetSimulator.class);

	private static final long TICK_MS = 10;

	private static final long MAX_STEP_MS = 10_000;

	/** Intersections every 500 m: city blocks of Seoul's arterial grid size. */
	public static final double STREET_SPACING_M = 500;

	private final LocalStackProperties.Simulator settings;

	private final Map<String, Object> producerSettings;

	private final SimulationArea area;

	private final Clock clock;

	private final Duration progressInterval;

	private final SplittableRandom random;

	private final Map<String, AtomicLong> sent = new ConcurrentHashMap<>();

	private final AtomicLong failed = new AtomicLong();

	private Fleet fleet;

	private TelemetryOutput output;

	private Incidents incidents;

	private ReferenceFeed reference;

	private KafkaProducer<String, byte[]> producer;

	private ScheduledExecutorService executor;

	private long lastProgressTotal;

	/**
	 * @param producerSettings Kafka producer settings: bootstrap servers, and security
	 * settings for a real cluster
	 * @param progressInterval how often a progress line is logged
	 */
	public FleetSimulator(LocalStackProperties.Simulator settings, Map<String, Object> producerSettings,
			SimulationArea area, Clock clock, Duration progressInterval) {
		this.settings = settings;
		this.producerSettings = producerSettings;
		this.area = area;
		this.clock = clock;
		this.progressInterval = progressInterval;
		this.random = (settings.seed() != null) ? new SplittableRandom(settings.seed()) : new SplittableRandom();
	}

	@Override
	public String name() {
		return "Fleet simulator";
	}

	@Override
	public String address() {
		return String.format(
				"%,d cars on Seoul's streets within %.0f km, %s fix/s driving, %s incidents/min -> %s, %s, %s, %s%s",
				this.settings.cars(), this.area.radiusM() / 1000, this.settings.rateHz(),
				this.settings.incidentsPerMinute(), this.settings.topics().gps(), this.settings.topics().status(),
				this.settings.topics().carinfo(), this.settings.topics().deviceinfo(),
				(this.settings.badRecordRate() > 0)
						? String.format(", %.2f%% bad records", this.settings.badRecordRate() * 100) : "");
	}

	@Override
	public void start() {
		Map<String, Object> producerConfig = new java.util.HashMap<>(this.producerSettings);
		producerConfig.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "fleet-simulator");
		producerConfig.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
		producerConfig.putIfAbsent(ProducerConfig.ACKS_CONFIG, "1");
		producerConfig.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
		this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
		long now = this.clock.millis();
		StreetNetwork streets = StreetNetwork.build(this.area, STREET_SPACING_M);
		CarProfile[] profiles = new CarProfile[this.settings.cars()];
		for (int i = 0; i < profiles.length; i++) {
			profiles[i] = CarProfile.random(i + 1, this.random);
		}
		this.fleet = Fleet.create(profiles.length,
				(i) -> new SimulatedCar(profiles[i], streets, this.settings.parkedGpsInterval().toMillis(),
						this.random.nextDouble() < this.settings.parkedShare(), now, this.random),
				now, this.settings.intervalMs());
		RecordSink sink = this::send;
		this.output = new TelemetryOutput(this.settings, sink, this.random);
		this.incidents = new Incidents(this.settings.incidentsPerMinute(), now);
		this.reference = new ReferenceFeed(this.settings,
				new ReferenceData(profiles.length, (i) -> profiles[i].electric(), this.random), sink, now);
		this.reference.sendFullLoad(now);
		this.producer.flush();
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> new Thread(task, "fleet-simulator"));
		this.executor.scheduleAtFixedRate(this::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
		this.executor.scheduleAtFixedRate(this::logProgress, this.progressInterval.toMillis(),
				this.progressInterval.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void tick() {
		try {
			long now = this.clock.millis();
			long skipped = this.fleet.skipMissedIntervals(now, 5 * this.settings.intervalMs());
			if (skipped > 0) {
				logger.warn("Simulator fell " + skipped + " ms behind (machine asleep or overloaded); skipped ahead");
			}
			this.fleet.stepDue(now,
					(car, time, dt) -> car.step(time, Math.min(dt, MAX_STEP_MS), this.random, this.output));
			this.incidents.startDue(now, this.fleet, this.random);
			this.reference.sendDue(now, this.fleet, this.random);
		}
		catch (RuntimeException ex) {
			logger.error("Simulator tick failed; carrying on", ex);
		}
	}

	private void send(String topic, String key, byte[] value) {
		AtomicLong counter = this.sent.computeIfAbsent(topic, (t) -> new AtomicLong());
		this.producer.send(new ProducerRecord<>(topic, key, value), (metadata, ex) -> {
			if (ex == null) {
				counter.incrementAndGet();
			}
			else if (this.failed.getAndIncrement() % 10_000 == 0) {
				logger.warn("Could not send a record to " + topic + " (" + this.failed.get() + " failed so far): "
						+ ex.getMessage());
			}
		});
	}

	private void logProgress() {
		long total = this.sent.values().stream().mapToLong(AtomicLong::get).sum();
		double perSecond = (total - this.lastProgressTotal) * 1000.0 / this.progressInterval.toMillis();
		this.lastProgressTotal = total;
		logger.info(String.format("Simulator: %,d cars, %,.0f records/s, sent %s, %,d failed, incidents %s",
				this.settings.cars(), perSecond, new java.util.TreeMap<>(sentByTopic()), this.failed.get(),
				this.incidents.started()));
	}

	/** Records the broker acknowledged so far, by topic. */
	public Map<String, Long> sentByTopic() {
		Map<String, Long> counts = new java.util.TreeMap<>();
		this.sent.forEach((topic, count) -> counts.put(topic, count.get()));
		return counts;
	}

	/** Records the broker acknowledged on {@code topic} so far. */
	public long sent(String topic) {
		AtomicLong count = this.sent.get(topic);
		return (count != null) ? count.get() : 0;
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
