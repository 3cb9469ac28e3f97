package io.fleetstream.benchmark;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends pre-serialized fixes. Throughput settings (large lz4 batches) for filling the
 * backlog; a short linger for the latency phase, where the producer's own batching delay
 * counts toward record-to-Redis latency from the event time.
 */
final class FixProducer implements AutoCloseable {

	private final KafkaProducer<byte[], byte[]> producer;

	private final String topic;

	private final AtomicReference<Exception> failure = new AtomicReference<>();

	private FixProducer(String bootstrapServers, String topic, int lingerMs, int batchBytes) {
		this.topic = topic;
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.LINGER_MS_CONFIG,
						lingerMs, ProducerConfig.BATCH_SIZE_CONFIG, batchBytes, ProducerConfig.COMPRESSION_TYPE_CONFIG,
						"lz4", ProducerConfig.BUFFER_MEMORY_CONFIG, 128L << 20, ProducerConfig.ACKS_CONFIG, "all"),
				new ByteArraySerializer(), new ByteArraySerializer());
	}

	static FixProducer forBacklog(String bootstrapServers, String topic) {
		return new FixProducer(bootstrapServers, topic, 50, 512 * 1024);
	}

	static FixProducer forSteadyRate(String bootstrapServers, String topic, int lingerMs) {
		return new FixProducer(bootstrapServers, topic, lingerMs, 64 * 1024);
	}

	void send(byte[] key, byte[] value) {
		this.producer.send(new ProducerRecord<>(this.topic, key, value), (metadata, exception) -> {
			if (exception != null) {
				this.failure.compareAndSet(null, exception);
			}
		});
	}

	/** Waits until everything sent is acknowledged by the broker. */
	void flush() {
		this.producer.flush();
		if (this.failure.get() != null) {
			throw new IllegalStateException("Producing failed", this.failure.get());
		}
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
