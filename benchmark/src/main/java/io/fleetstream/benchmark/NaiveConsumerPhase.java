package io.fleetstream.benchmark;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;

import io.fleetstream.common.gps.GpsFix;
import io.fleetstream.common.gps.GpsFixParser;
import io.fleetstream.common.pipeline.Handled;

/**
 * (c) The reference design's shape: a plain consumer loop that parses each record and
 * makes one synchronous Redis call for it (the same script, one fix) before the next
 * record, with auto-commit. Same parser and writer as ingest-service, own consumer group.
 */
final class NaiveConsumerPhase {

	static final String GROUP = "bench-naive-per-record";

	private final FleetDataset dataset;

	private final String bootstrapServers;

	private final String topic;

	NaiveConsumerPhase(FleetDataset dataset, String bootstrapServers, String topic) {
		this.dataset = dataset;
		this.bootstrapServers = bootstrapServers;
		this.topic = topic;
	}

	/**
	 * Consumes and writes {@code limit} records, timed from the first record received.
	 * @return the seconds it took, and each car's newest event time written
	 */
	Outcome run(FixWriter writer, int limit) {
		GpsFixParser parser = new GpsFixParser(JsonMapper.builder().build(), Clock.systemUTC(), Duration.ofMinutes(5));
		long[] newestTs = new long[this.dataset.cars()];
		int consumed = 0;
		long start = 0;
		long end;
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG,
						GROUP, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(this.topic));
			while (consumed < limit) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
					if (start == 0) {
						start = System.nanoTime();
					}
					Handled<GpsFix> handled = parser.parse(record.key(), record.value(), record.timestamp());
					if (handled instanceof Handled.Accepted<GpsFix> accepted) {
						writer.write(List.of(accepted.value()));
						int car = this.dataset.carIndex(accepted.value().carId());
						newestTs[car] = Math.max(newestTs[car], accepted.value().ts());
					}
					if (++consumed == limit) {
						break;
					}
				}
			}
			end = System.nanoTime();
		}
		return new Outcome(consumed, (end - start) / 1e9, newestTs);
	}

	record Outcome(int consumed, double seconds, long[] newestTs) {
	}

}
