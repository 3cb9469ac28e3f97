package io.fleetstream.benchmark;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The consumers a user would pick instead of ingest-service, written as a user would
 * write them: one plain {@code KafkaConsumer} with auto-commit, each value read into a
 * Jackson tree, {@code GEOADD fleet:geo lng lat car} into one geo key, nothing else (no
 * event-time comparison, no latest-position hash, no last-seen, no track, no validation
 * beyond what Jackson needs, no dead letters).
 * <ul>
 * <li>(e) {@link Mode#PIPELINED}: the reference design's consumer, every record's
 * {@code GEOADD} sent without waiting for its reply (Lettuce pipelines them on one
 * connection); the run ends when every reply has arrived. Unordered across restarts and
 * at-most-once (auto-commit runs ahead of the writes).</li>
 * <li>(f) {@link Mode#SYNCHRONOUS}: one blocking {@code GEOADD} per record, what a plain
 * {@code @KafkaListener} calling Redis does and what the Kafka Connect Redis sinks
 * do.</li>
 * </ul>
 */
final class ReferenceConsumerPhase {

	static final String GEO_KEY = "fleet:geo";

	enum Mode {

		PIPELINED("bench-reference-pipelined"), SYNCHRONOUS("bench-reference-synchronous");

		private final String group;

		Mode(String group) {
			this.group = group;
		}

	}

	private final FleetDataset dataset;

	private final String bootstrapServers;

	private final String topic;

	private final int redisPort;

	ReferenceConsumerPhase(FleetDataset dataset, String bootstrapServers, String topic, int redisPort) {
		this.dataset = dataset;
		this.bootstrapServers = bootstrapServers;
		this.topic = topic;
		this.redisPort = redisPort;
	}

	/**
	 * Consumes and writes {@code limit} records, timed from the first record received
	 * until the last reply.
	 * @return the seconds it took, and each car's last written coordinates (NaN for a car
	 * not written)
	 */
	Outcome run(Mode mode, int limit) {
		JsonMapper mapper = JsonMapper.builder().build();
		RedisClient client = RedisClient.create("redis://127.0.0.1:" + this.redisPort);
		double[] lastLat = new double[this.dataset.cars()];
		double[] lastLng = new double[this.dataset.cars()];
		Arrays.fill(lastLat, Double.NaN);
		Arrays.fill(lastLng, Double.NaN);
		int consumed = 0;
		long start = 0;
		try (StatefulRedisConnection<String, String> redis = client.connect();
				KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
						Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
								ConsumerConfig.GROUP_ID_CONFIG, mode.group, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
								"earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true),
						new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(this.topic));
			// one connection answers in order: the last reply means every GEOADD is
			// applied
			RedisFuture<Long> last = null;
			while (consumed < limit) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
					if (start == 0) {
						start = System.nanoTime();
					}
					JsonNode fix = mapper.readTree(record.value());
					double lat = fix.get("lat").asDouble();
					double lng = fix.get("lng").asDouble();
					if (mode == Mode.PIPELINED) {
						last = redis.async().geoadd(GEO_KEY, lng, lat, record.key());
					}
					else {
						redis.sync().geoadd(GEO_KEY, lng, lat, record.key());
					}
					int car = this.dataset.carIndex(record.key());
					lastLat[car] = lat;
					lastLng[car] = lng;
					if (++consumed == limit) {
						break;
					}
				}
			}
			if (last != null && !LettuceFutures.awaitAll(5, TimeUnit.MINUTES, last)) {
				throw new IllegalStateException("Redis did not answer every GEOADD within 5 minutes");
			}
			long end = System.nanoTime();
			return new Outcome(consumed, (end - start) / 1e9, lastLat, lastLng);
		}
		finally {
			client.shutdown();
		}
	}

	record Outcome(int consumed, double seconds, double[] lastLat, double[] lastLng) {
	}

}
