package io.fleetstream.common.pipeline;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fleetstream.common.kafka.DeadLetters;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes one consumed batch of a route: every record goes through the handler; the
 * accepted values are written by each loader in turn, each in one call; then the rejected
 * records (by the handler, or permanently by a loader) are published to the dead-letter
 * topic with their reason. The offsets are committed only after this returns. A failure
 * anywhere (Redis or Kafka unreachable) makes the error handler retry the batch; the
 * retry resumes after the last completed step ({@link BatchAttempt}), so a loader that
 * has the batch is not called again, a rejection is published once, and the batch is
 * counted once. Should the process die instead, the batch is replayed from the start: the
 * loaders are idempotent, and a rejection may be dead-lettered again.
 */
final class RouteBatchProcessor<T> {

	private static final Logger logger = LoggerFactory.getLogger(RouteBatchProcessor.class);

	private final Route<T> route;

	private final DeadLetters deadLetters;

	private final PipelineMetrics metrics;

	private final Clock clock;

	private final ThreadLocal<BatchAttempt<T>> attempts = new ThreadLocal<>();

	RouteBatchProcessor(Route<T> route, DeadLetters deadLetters, PipelineMetrics metrics, Clock clock) {
		this.route = route;
		this.deadLetters = deadLetters;
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * @param records the batch, in consumption order
	 * @param consumer the consumer that polled it (its group goes into dead-letter
	 * headers); {@code null} for broadcast routes
	 */
	void process(List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> consumer) {
		if (records.isEmpty()) {
			return;
		}
		BatchAttempt<T> attempt = attemptFor(records);
		List<PipelineMetrics.LoaderMeters> loaderMeters = this.metrics.loaders(this.route);
		List<RecordLoader<T>> loaders = this.route.loaders();
		while (attempt.loadersDone < loaders.size()) {
			load(attempt, loaders.get(attempt.loadersDone), loaderMeters.get(attempt.loadersDone));
			attempt.loadersDone++;
		}
		if (!attempt.latencyRecorded) {
			recordLatency(attempt.loadable());
			attempt.latencyRecorded = true;
		}
		while (attempt.rejectionsPublished < attempt.rejections.size()) {
			BatchAttempt.Rejection rejection = attempt.rejections.get(attempt.rejectionsPublished);
			this.deadLetters.send(rejection.record(), consumer, rejection.reason(), rejection.detail());
			this.metrics.deadLettered(rejection.record().topic());
			attempt.rejectionsPublished++;
		}
		this.attempts.remove();
	}

	/** Forgets a batch that will not be retried here (its partitions were revoked). */
	void abandonAttempt() {
		this.attempts.remove();
	}

	private BatchAttempt<T> attemptFor(List<ConsumerRecord<String, byte[]>> records) {
		BatchAttempt<T> attempt = this.attempts.get();
		if (attempt != null && attempt.isFor(records)) {
			return attempt;
		}
		attempt = new BatchAttempt<>(records);
		this.metrics.consumed(records);
		List<LoadRecord<T>> accepted = new ArrayList<>(records.size());
		for (ConsumerRecord<String, byte[]> record : records) {
			Handled<T> handled = handle(record);
			if (handled instanceof Handled.Accepted<T> value) {
				accepted.add(new LoadRecord<>(value.value(), RecordCoordinates.of(record), value.eventTimeMs()));
			}
			else if (handled instanceof Handled.Rejected<T> rejected) {
				attempt.rejections.add(new BatchAttempt.Rejection(record, rejected.reason(), rejected.detail()));
				this.metrics.rejected(record.topic(), rejected.reason());
			}
		}
		attempt.accepted = accepted;
		this.attempts.set(attempt);
		return attempt;
	}

	private void load(BatchAttempt<T> attempt, RecordLoader<T> loader, PipelineMetrics.LoaderMeters meters) {
		List<LoadRecord<T>> input = attempt.loadable();
		if (input.isEmpty()) {
			return;
		}
		LoadResult result = meters.duration().record(() -> loader.load(input));
		Map<RecordCoordinates, LoadResult.Failure> failures = new LinkedHashMap<>();
		if (result != null) {
			result.failures().forEach((failure) -> failures.put(failure.record(), failure));
		}
		if (failures.size() > 0) {
			checkFailuresInBatch(input, failures);
			failures.forEach((source, failure) -> {
				ConsumerRecord<String, byte[]> record = attempt.record(source);
				attempt.failedPermanently.add(source);
				attempt.rejections.add(new BatchAttempt.Rejection(record, failure.reason(),
						"loader '" + loader.name() + "': " + failure.detail()));
				this.metrics.rejected(record.topic(), failure.reason());
			});
		}
		meters.written(input, failures.keySet());
	}

	private void checkFailuresInBatch(List<LoadRecord<T>> input, Map<RecordCoordinates, LoadResult.Failure> failures) {
		long known = input.stream().filter((record) -> failures.containsKey(record.source())).count();
		if (known != failures.size()) {
			throw new IllegalStateException("A loader of route '" + this.route.name()
					+ "' reported failures of records that were not in its batch: " + failures.keySet());
		}
	}

	private Handled<T> handle(ConsumerRecord<String, byte[]> record) {
		try {
			return this.route.handler().handle(record);
		}
		catch (RuntimeException ex) {
			// a handler bug must not block the partition forever: the record is
			// dead-lettered with the exception, counted, and logged
			logger.error("Handler '{}' failed on {}-{}@{}", this.route.handler().name(), record.topic(),
					record.partition(), record.offset(), ex);
			return Handled.rejected("handler-error", ex.getClass().getName() + ": " + ex.getMessage());
		}
	}

	private void recordLatency(List<LoadRecord<T>> written) {
		long now = this.clock.millis();
		for (LoadRecord<T> record : written) {
			this.metrics.latency(record.source().topic())
				.record(now, record.eventTimeMs(), record.source().timestampMs());
		}
	}

}
