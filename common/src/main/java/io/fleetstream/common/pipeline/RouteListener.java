package io.fleetstream.common.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.listener.BatchAcknowledgingConsumerAwareMessageListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.kafka.support.Acknowledgment;

/**
 * A route's listener, shared by the route's consumer threads: hands each batch to the
 * processor, commits it (group routes), then tells the route's stateful components; and
 * runs their partition hooks and ticks on the consumer thread. It decides nothing itself.
 */
final class RouteListener<T>
		implements BatchAcknowledgingConsumerAwareMessageListener<String, byte[]>, ConsumerSeekAware {

	private static final Logger logger = LoggerFactory.getLogger(RouteListener.class);

	private final Route<T> route;

	private final RouteBatchProcessor<T> processor;

	private final List<RouteLifecycle> lifecycles;

	private final PartitionStalls stalls;

	private final Clock clock;

	private final long tickIntervalMs;

	private final ThreadLocal<ThreadState> threads = ThreadLocal.withInitial(ThreadState::new);

	private volatile CatchUp catchUp;

	private volatile Runnable onCaughtUp = () -> {
	};

	RouteListener(Route<T> route, RouteBatchProcessor<T> processor, PartitionStalls stalls, Clock clock,
			Duration tickInterval) {
		this.route = route;
		this.processor = processor;
		this.lifecycles = route.lifecycles();
		this.stalls = stalls;
		this.clock = clock;
		this.tickIntervalMs = tickInterval.toMillis();
	}

	/** Broadcast routes: what "caught up" means, and whom to tell. */
	void awaitCatchUp(CatchUp catchUp, Runnable onCaughtUp) {
		this.catchUp = catchUp;
		this.onCaughtUp = onCaughtUp;
		checkCaughtUp();
	}

	boolean isCaughtUp() {
		return this.catchUp == null || this.catchUp.isCaughtUp();
	}

	Map<TopicPartition, Long> behind() {
		return (this.catchUp != null) ? this.catchUp.behind() : Map.of();
	}

	@Override
	public void onMessage(List<ConsumerRecord<String, byte[]>> records, Acknowledgment acknowledgment,
			Consumer<?, ?> consumer) {
		ThreadState thread = this.threads.get();
		Set<TopicPartition> partitions = partitionsOf(records);
		try {
			thread.loadPendingState(this.lifecycles);
			this.processor.process(records, this.route.isBroadcast() ? null : consumer);
			if (!this.route.isBroadcast() && acknowledgment != null) {
				// commits now, on this thread, so batchCommitted below means committed
				acknowledgment.acknowledge();
			}
		}
		catch (RuntimeException ex) {
			this.stalls.failed(this.route.name(), partitions);
			throw ex;
		}
		this.stalls.succeeded(partitions);
		if (this.catchUp != null) {
			lastOfEachPartition(records).forEach(this.catchUp::processed);
			checkCaughtUp();
		}
		if (!this.lifecycles.isEmpty()) {
			batchCommitted(records);
		}
		tickIfDue(thread);
	}

	@Override
	public void onMessage(List<ConsumerRecord<String, byte[]>> data) {
		throw new UnsupportedOperationException("The container calls onMessage(records, acknowledgment, consumer)");
	}

	@Override
	public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
		Set<TopicPartition> partitions = assignments.keySet();
		ThreadState thread = this.threads.get();
		thread.owned.addAll(partitions);
		this.stalls.track(this.route.name(), partitions);
		Map<TopicPartition, Long> positions = new LinkedHashMap<>();
		try {
			for (RouteLifecycle lifecycle : this.lifecycles) {
				positions.putAll(lifecycle.partitionsAssigned(partitions));
			}
		}
		catch (RuntimeException ex) {
			// retried before the next batch (with the error handler's back-off), so no
			// batch of these partitions is processed without their state
			logger.warn("Route '{}': loading the state of {} failed, retrying before the next batch: {}",
					this.route.name(), partitions, ex.toString());
			thread.pendingState.addAll(partitions);
		}
		for (TopicPartition partition : partitions) {
			Long position = positions.get(partition);
			if (position != null) {
				startAt(partition, position, callback);
			}
			else if (this.route.isBroadcast()) {
				callback.seekToBeginning(List.of(partition));
			}
		}
		checkCaughtUp();
	}

	@Override
	public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
		ThreadState thread = this.threads.get();
		thread.owned.removeAll(partitions);
		thread.pendingState.removeAll(partitions);
		this.processor.abandonAttempt();
		this.stalls.succeeded(partitions);
		for (RouteLifecycle lifecycle : this.lifecycles) {
			try {
				lifecycle.partitionsRevoked(partitions);
			}
			catch (RuntimeException ex) {
				logger.error("Route '{}': releasing the state of {} failed", this.route.name(), partitions, ex);
			}
		}
	}

	@Override
	public void onIdleContainer(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
		ThreadState thread = this.threads.get();
		retryPendingState(thread, callback);
		checkCaughtUp();
		tickIfDue(thread);
	}

	/**
	 * With no records arriving, the retry before the next batch never comes: without this
	 * a partition whose state failed to load would stay unloaded (and unticked) until its
	 * next record.
	 */
	private void retryPendingState(ThreadState thread, ConsumerSeekCallback callback) {
		if (thread.pendingState.isEmpty()) {
			return;
		}
		Set<TopicPartition> partitions = Set.copyOf(thread.pendingState);
		Map<TopicPartition, Long> positions;
		try {
			positions = thread.loadPendingState(this.lifecycles);
		}
		catch (RuntimeException ex) {
			logger.warn("Route '{}': loading the state of {} failed again, retrying while idle: {}", this.route.name(),
					partitions, ex.toString());
			return;
		}
		logger.info("Route '{}': the state of {} is loaded", this.route.name(), partitions);
		positions.forEach((partition, position) -> startAt(partition, position, callback));
	}

	/** Where the partition's state says to start reading it. */
	private void startAt(TopicPartition partition, long position, ConsumerSeekCallback callback) {
		callback.seek(partition.topic(), partition.partition(), position);
		if (this.catchUp != null) {
			this.catchUp.startsAt(partition, position);
		}
	}

	private void batchCommitted(List<ConsumerRecord<String, byte[]>> records) {
		List<RecordCoordinates> batch = new ArrayList<>(records.size());
		records.forEach((record) -> batch.add(RecordCoordinates.of(record)));
		for (RouteLifecycle lifecycle : this.lifecycles) {
			try {
				lifecycle.batchCommitted(batch);
			}
			catch (RuntimeException ex) {
				// the offsets are committed: failing the batch now would not replay it
				logger.error("Route '{}': batchCommitted of {} failed", this.route.name(), lifecycle, ex);
			}
		}
	}

	private void tickIfDue(ThreadState thread) {
		if (this.lifecycles.isEmpty()) {
			return;
		}
		long now = this.clock.millis();
		if (now - thread.lastTickMs < this.tickIntervalMs) {
			return;
		}
		thread.lastTickMs = now;
		// a partition whose state is not loaded yet would be ticked over no state
		Set<TopicPartition> owned = new LinkedHashSet<>(thread.owned);
		owned.removeAll(thread.pendingState);
		for (RouteLifecycle lifecycle : this.lifecycles) {
			try {
				lifecycle.tick(this.clock.instant(), owned);
			}
			catch (RuntimeException ex) {
				// one failing tick must not stop the route nor the other components
				logger.error("Route '{}': tick of {} failed", this.route.name(), lifecycle, ex);
			}
		}
	}

	private void checkCaughtUp() {
		CatchUp catchUp = this.catchUp;
		if (catchUp != null && !catchUp.isCaughtUp()) {
			return;
		}
		if (catchUp != null) {
			Runnable action = this.onCaughtUp;
			this.onCaughtUp = () -> {
			};
			action.run();
		}
	}

	private static Set<TopicPartition> partitionsOf(List<ConsumerRecord<String, byte[]>> records) {
		Set<TopicPartition> partitions = new HashSet<>();
		int lastPartition = -1;
		String lastTopic = null;
		for (ConsumerRecord<String, byte[]> record : records) {
			if (record.partition() != lastPartition || !record.topic().equals(lastTopic)) {
				partitions.add(new TopicPartition(record.topic(), record.partition()));
				lastPartition = record.partition();
				lastTopic = record.topic();
			}
		}
		return partitions;
	}

	private static Collection<ConsumerRecord<String, byte[]>> lastOfEachPartition(
			List<ConsumerRecord<String, byte[]>> records) {
		Map<TopicPartition, ConsumerRecord<String, byte[]>> last = new LinkedHashMap<>();
		records.forEach((record) -> last.put(new TopicPartition(record.topic(), record.partition()), record));
		return last.values();
	}

	/** What one consumer thread owns and when it last ticked. */
	private static final class ThreadState {

		final Set<TopicPartition> owned = new LinkedHashSet<>();

		final Set<TopicPartition> pendingState = new LinkedHashSet<>();

		long lastTickMs;

		/**
		 * @return where the lifecycles would start the partitions; applied only by an
		 * idle retry (before a batch, the consumer has already read on from the committed
		 * offset, which state must tolerate anyway: delivery is at least once)
		 */
		Map<TopicPartition, Long> loadPendingState(List<RouteLifecycle> lifecycles) {
			if (this.pendingState.isEmpty()) {
				return Map.of();
			}
			Set<TopicPartition> partitions = Set.copyOf(this.pendingState);
			Map<TopicPartition, Long> positions = new LinkedHashMap<>();
			for (RouteLifecycle lifecycle : lifecycles) {
				positions.putAll(lifecycle.partitionsAssigned(partitions));
			}
			this.pendingState.clear();
			return positions;
		}

	}

}
