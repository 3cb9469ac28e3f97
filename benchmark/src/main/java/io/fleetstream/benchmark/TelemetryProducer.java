package io.fleetstream.benchmark;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends {@link TelemetryMix} records to their topics: in large lz4 batches to fill the
 * backlog, or at a steady rate with live event times ({@link #startSteady}), where the
 * producer's short linger counts toward the latency from the event time.
 */
final class TelemetryProducer implements AutoCloseable {

	private final KafkaProducer<byte[], byte[]> producer;

	private final AtomicReference<Exception> failure = new AtomicReference<>();

	private final AtomicLong sent = new AtomicLong();

	private volatile boolean running;

	private Thread steady;

	private TelemetryProducer(String bootstrapServers, int lingerMs, int batchBytes) {
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.LINGER_MS_CONFIG,
						lingerMs, ProducerConfig.BATCH_SIZE_CONFIG, batchBytes, ProducerConfig.COMPRESSION_TYPE_CONFIG,
						"lz4", ProducerConfig.BUFFER_MEMORY_CONFIG, 128L << 20, ProducerConfig.ACKS_CONFIG, "all"),
				new ByteArraySerializer(), new ByteArraySerializer());
	}

	static TelemetryProducer forBacklog(String bootstrapServers) {
		return new TelemetryProducer(bootstrapServers, 50, 512 * 1024);
	}

	static TelemetryProducer forSteadyRate(String bootstrapServers) {
		return new TelemetryProducer(bootstrapServers, Integer.getInteger("bench.steady-linger-ms", 5), 64 * 1024);
	}

	void send(TelemetryMix.TelemetryRecord record) {
		this.producer.send(new ProducerRecord<>(record.topic(), record.key(), record.value()),
				(metadata, exception) -> {
					if (exception != null) {
						this.failure.compareAndSet(null, exception);
					}
				});
		this.sent.incrementAndGet();
	}

	/** Waits until everything sent is acknowledged by the broker. */
	void flush() {
		this.producer.flush();
		if (this.failure.get() != null) {
			throw new IllegalStateException("Producing failed", this.failure.get());
		}
	}

	long sent() {
		return this.sent.get();
	}

	/**
	 * Produces the generator's next records at {@code rate} per second with event time =
	 * now, on its own thread, catching up on its schedule rather than drifting.
	 */
	TelemetryProducer startSteady(TelemetryMix.Generator generator, int rate) {
		this.running = true;
		this.steady = new Thread(() -> {
			long start = System.nanoTime();
			long count = 0;
			while (this.running) {
				long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
				while (count < due) {
					send(generator.next(System.currentTimeMillis()));
					count++;
				}
				LockSupport.parkNanos(500_000);
			}
		}, "steady-telemetry");
		this.steady.setDaemon(true);
		this.steady.start();
		return this;
	}

	@Override
	public void close() {
		this.running = false;
		if (this.steady != null) {
			try {
				this.steady.join(5_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.producer.close();
	}

}
