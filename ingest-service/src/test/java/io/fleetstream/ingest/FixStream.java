package io.fleetstream.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import static org.awaitility.Awaitility.await;

/**
 * A fleet streaming GPS fixes while a fault is injected: on its own thread, one round per
 * interval, one fix per car and round, every round's event time later than the round
 * before (the wall clock, so no plausibility check on timestamps rejects them). Each car
 * stays within a few hundred metres of its grid place, so the whole fleet lies within 2
 * km of {@link #CENTRE_LAT}, {@link #CENTRE_LNG}.
 * <p>
 * It remembers, per car, the event time of the newest fix the broker acknowledged: after
 * {@link #stop()} that is what every car's position must end at. A send that fails is
 * counted, and {@link #stop()} fails loudly if any did, so "the newest produced fix" is
 * never an assumption.
 */
final class FixStream implements AutoCloseable {

	static final double CENTRE_LAT = 37.51;

	static final double CENTRE_LNG = 127.01;

	private static final Pattern TS = Pattern.compile("\"ts\":(\\d+)");

	private final String topic;

	private final List<String> cars;

	private final Duration interval;

	private final KafkaProducer<String, byte[]> producer;

	private final Map<String, Long> newestAcked = new ConcurrentHashMap<>();

	private final AtomicInteger rounds = new AtomicInteger();

	private final AtomicLong acked = new AtomicLong();

	private final AtomicLong failedSends = new AtomicLong();

	private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

	private final Thread thread;

	private volatile boolean stopping;

	private long lastTs;

	/**
	 * Acknowledged by all replicas, one request in flight and idempotent, so a broker
	 * restart neither loses nor reorders a car's fixes; retried for up to 2 minutes.
	 */
	FixStream(String bootstrapServers, String topic, List<String> cars, Duration interval) {
		this.topic = topic;
		this.cars = List.copyOf(cars);
		this.interval = interval;
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.ACKS_CONFIG, "all",
				ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
				ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000), new StringSerializer(), new ByteArraySerializer());
		this.thread = new Thread(this::run, "fix-stream-" + topic);
		this.thread.setDaemon(true);
	}

	static List<String> cars(String prefix, int count) {
		List<String> cars = new ArrayList<>(count);
		for (int car = 0; car < count; car++) {
			cars.add(prefix + car);
		}
		return cars;
	}

	FixStream start() {
		this.thread.start();
		return this;
	}

	/** The event time of a fix as the stream (or any device) writes it. */
	static long ts(byte[] value) {
		Matcher ts = TS.matcher(new String(value, StandardCharsets.UTF_8));
		if (!ts.find()) {
			throw new AssertionError("No ts in " + new String(value, StandardCharsets.UTF_8));
		}
		return Long.parseLong(ts.group(1));
	}

	/** Rounds handed to the producer so far. */
	int rounds() {
		return this.rounds.get();
	}

	/** Waits until the stream has produced {@code count} more rounds than now. */
	void awaitMoreRounds(int count) {
		int target = rounds() + count;
		await().atMost(Duration.ofSeconds(60)).until(() -> rounds() >= target);
	}

	/** Fixes the broker has acknowledged so far. */
	long fixesAcked() {
		return this.acked.get();
	}

	/**
	 * Stops producing after the round in progress, waits until every fix sent is
	 * acknowledged, and returns each car's newest acknowledged event time.
	 * @throws AssertionError if a send failed, or a car has no acknowledged fix
	 */
	Map<String, Long> stop() throws InterruptedException {
		this.stopping = true;
		this.thread.join(TimeUnit.SECONDS.toMillis(30));
		this.producer.flush();
		if (this.failedSends.get() > 0) {
			throw new AssertionError(this.failedSends.get() + " fixes were not acknowledged by the broker",
					this.firstFailure.get());
		}
		if (this.newestAcked.size() != this.cars.size()) {
			throw new AssertionError(
					"Only " + this.newestAcked.size() + " of " + this.cars.size() + " cars have an acknowledged fix");
		}
		return Map.copyOf(this.newestAcked);
	}

	@Override
	public void close() {
		this.stopping = true;
		this.producer.close(Duration.ofSeconds(5));
	}

	private void run() {
		while (!this.stopping) {
			produceRound(this.rounds.get());
			this.rounds.incrementAndGet();
			try {
				// the stream's pace: a deliberate pause between rounds, not a wait
				Thread.sleep(this.interval.toMillis());
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private void produceRound(int round) {
		long ts = Math.max(System.currentTimeMillis(), this.lastTs + 1);
		this.lastTs = ts;
		for (int i = 0; i < this.cars.size(); i++) {
			String car = this.cars.get(i);
			double lat = CENTRE_LAT - 0.005 + (i % 20) * 0.0005;
			double lng = CENTRE_LNG - 0.005 + (i / 20) * 0.0005 + (round % 100) * 0.00001;
			byte[] value = GpsTestData.fix(lat, lng, ts).getBytes(StandardCharsets.US_ASCII);
			this.producer.send(new ProducerRecord<>(this.topic, car, value), (metadata, exception) -> {
				if (exception != null) {
					this.failedSends.incrementAndGet();
					this.firstFailure.compareAndSet(null, exception);
				}
				else {
					this.acked.incrementAndGet();
					this.newestAcked.merge(car, ts, Math::max);
				}
			});
		}
	}

}
