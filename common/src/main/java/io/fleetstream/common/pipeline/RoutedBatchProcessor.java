package io.fleetstream.common.pipeline;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fleetstream.common.kafka.DeadLetters;
import io.fleetstream.common.kafka.ListenerThreadConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes one consumed batch: each topic's records go through its route's handler; the
 * accepted values are written by the loader in one call; then the rejected records are
 * published to the dead-letter topic with their reason. The batch's offsets are committed
 * only after this returns, so a failure anywhere (Redis or Kafka unreachable) makes the
 * whole batch be retried: the loaders are idempotent, and dead-lettering comes last so a
 * retried batch does not publish a rejection twice unless that publish itself failed.
 */
public class RoutedBatchProcessor {

	private static final Logger logger = LoggerFactory.getLogger(RoutedBatchProcessor.class);

	private final RouteTable routes;

	private final DeadLetters deadLetters;

	private final PipelineMetrics metrics;

	private final Clock clock;

	public RoutedBatchProcessor(RouteTable routes, DeadLetters deadLetters, PipelineMetrics metrics, Clock clock) {
		this.routes = routes;
		this.deadLetters = deadLetters;
		this.metrics = metrics;
		this.clock = clock;
	}

	public void process(List<ConsumerRecord<String, byte[]>> records) {
		for (Map.Entry<String, List<ConsumerRecord<String, byte[]>>> topic : byTopic(records).entrySet()) {
			Route<?> route = this.routes.forTopic(topic.getKey());
			if (route == null) {
				throw new IllegalStateException("No route for topic '" + topic.getKey() + "'");
			}
			process(route, topic.getKey(), topic.getValue());
		}
	}

	private <T> void process(Route<T> route, String topic, List<ConsumerRecord<String, byte[]>> records) {
		PipelineMetrics.TopicMeters meters = this.metrics.topic(topic, route.loader().name());
		meters.consumed.increment(records.size());
		meters.batchSize.record(records.size());
		List<T> values = new ArrayList<>(records.size());
		long[] eventTimes = new long[records.size()];
		long[] brokerTimes = new long[records.size()];
		List<Rejection> rejections = new ArrayList<>();
		for (ConsumerRecord<String, byte[]> record : records) {
			Handled<T> handled = handle(route.handler(), record);
			if (handled instanceof Handled.Accepted<T> accepted) {
				eventTimes[values.size()] = accepted.eventTimeMs();
				brokerTimes[values.size()] = record.timestamp();
				values.add(accepted.value());
			}
			else if (handled instanceof Handled.Rejected<T> rejected) {
				rejections.add(new Rejection(record, rejected));
			}
		}
		if (!values.isEmpty()) {
			meters.loadDuration.record(() -> route.loader().load(values));
			meters.written.increment(values.size());
			long now = this.clock.millis();
			for (int i = 0; i < values.size(); i++) {
				meters.recordLatency(now, eventTimes[i], brokerTimes[i]);
			}
		}
		for (Rejection rejection : rejections) {
			this.deadLetters.send(rejection.record(), ListenerThreadConsumer.current(), rejection.rejected().reason(),
					rejection.rejected().detail());
			this.metrics.rejected(topic, rejection.rejected().reason());
			meters.deadLettered.increment();
		}
	}

	private <T> Handled<T> handle(RecordHandler<T> handler, ConsumerRecord<String, byte[]> record) {
		try {
			return handler.handle(record);
		}
		catch (RuntimeException ex) {
			// a handler bug must not block the partition forever: the record is
			// dead-lettered with the exception, counted, and logged
			logger.error("Handler '{}' failed on {}-{}@{}", handler.name(), record.topic(), record.partition(),
					record.offset(), ex);
			return Handled.rejected("handler-error", ex.getClass().getName() + ": " + ex.getMessage());
		}
	}

	private static Map<String, List<ConsumerRecord<String, byte[]>>> byTopic(
			List<ConsumerRecord<String, byte[]>> records) {
		Map<String, List<ConsumerRecord<String, byte[]>>> byTopic = new LinkedHashMap<>();
		for (ConsumerRecord<String, byte[]> record : records) {
			byTopic.computeIfAbsent(record.topic(), (topic) -> new ArrayList<>()).add(record);
		}
		return byTopic;
	}

	private record Rejection(ConsumerRecord<String, byte[]> record, Handled.Rejected<?> rejected) {
	}

}
