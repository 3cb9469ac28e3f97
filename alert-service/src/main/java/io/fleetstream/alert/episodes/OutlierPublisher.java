package io.fleetstream.alert.episodes;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.fleetstream.common.kafka.KafkaTopicLoader;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes transitions to the outlier topic ({@code cars.alerts.json}), keyed by car,
 * with the causing record in {@code fleet_source}; waits for the acknowledgements (a
 * failure is transient: the transition stays in the outbox and is published again).
 */
class OutlierPublisher {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final KafkaTemplate<String, byte[]> template;

	private final String topic;

	private final Duration timeout;

	OutlierPublisher(KafkaTemplate<String, byte[]> template, String topic, Duration timeout) {
		this.template = template;
		this.topic = topic;
		this.timeout = timeout;
	}

	void publish(List<AlertEvent> events) {
		List<CompletableFuture<?>> sends = new ArrayList<>();
		for (AlertEvent event : events) {
			RecordHeaders headers = new RecordHeaders();
			if (event.source() != null) {
				headers.add(KafkaTopicLoader.SOURCE_HEADER, event.source().getBytes(StandardCharsets.UTF_8));
			}
			// key: the car (null for a schema change, which concerns no car)
			sends.add(this.template
				.send(new ProducerRecord<>(this.topic, null, event.carId(), json.writeValueAsBytes(event), headers)));
		}
		try {
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
				.get(this.timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			throw new OutlierUnavailableException(
					"Publishing " + events.size() + " alert(s) to " + this.topic + " failed: " + ex, ex);
		}
	}

}
