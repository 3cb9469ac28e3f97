package io.fleetstream.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.fleetstream.common.gps.GpsFixJson;
import io.fleetstream.testsupport.SharedKafkaBroker;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces raw GPS records to the shared test broker, exactly as devices would.
 */
public final class GpsTestData implements AutoCloseable {

	private final KafkaProducer<String, byte[]> producer;

	public GpsTestData() {
		this(SharedKafkaBroker.bootstrapServers());
	}

	/**
	 * One request in flight: tests produce to topics the broker creates on first use, and
	 * a first batch refused while the new partition opens (NOT_LEADER_OR_FOLLOWER) must
	 * not be overtaken by the next one, or the idempotent producer's retry is rejected as
	 * out of sequence and its fixes are lost.
	 */
	public GpsTestData(String bootstrapServers) {
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.LINGER_MS_CONFIG, 5,
						ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
				new StringSerializer(), new ByteArraySerializer());
	}

	/** A fix as a device sends it, at 42.5 km/h heading south. */
	public static String fix(double lat, double lng, long ts) {
		return new String(GpsFixJson.encode(lat, lng, ts, 42.5, 180.0), StandardCharsets.US_ASCII);
	}

	public void send(String topic, String carId, String value) {
		send(topic, carId, (value != null) ? value.getBytes(StandardCharsets.UTF_8) : null);
	}

	public void send(String topic, String carId, byte[] value) {
		this.producer.send(new ProducerRecord<>(topic, carId, value));
	}

	public void flush() {
		this.producer.flush();
	}

	@Override
	public void close() {
		this.producer.close(java.time.Duration.ofSeconds(5));
	}

}
