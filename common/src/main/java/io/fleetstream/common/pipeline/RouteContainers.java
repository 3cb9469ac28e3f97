package io.fleetstream.common.pipeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.fleetstream.common.FleetProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.support.TopicPartitionOffset;

/**
 * One listener container per route, each with the route's own consumer settings, started
 * and stopped with the application (in the phase of Spring's listener containers, so
 * graceful shutdown stops consumption before the web server and Redis go). A route with
 * {@code start-after} is started once the broadcast route it names is caught up.
 * Broadcast routes are manually assigned every partition of their topics, with no
 * consumer group and no commits. With {@code spring.kafka.listener.auto-startup=false}
 * nothing is started with the application (as for Spring's own listener containers): the
 * replica serves its API without consuming until {@link #start()} is called.
 */
public final class RouteContainers implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(RouteContainers.class);

	/** How often an idle container checks for catch-up and ticks. */
	static final long IDLE_INTERVAL_MS = 1000;

	private final RouteTable routes;

	private final ConcurrentKafkaListenerContainerFactory<Object, Object> groupFactory;

	private final ConcurrentKafkaListenerContainerFactory<Object, Object> broadcastFactory;

	private final KafkaAdmin kafkaAdmin;

	private final long adminTimeoutMs;

	private final boolean autoStartup;

	private final Map<String, RouteListener<?>> listenersByRoute = new LinkedHashMap<>();

	private final Map<String, ConcurrentMessageListenerContainer<Object, Object>> containers = new LinkedHashMap<>();

	private volatile boolean running;

	RouteContainers(RouteTable routes, Map<String, RouteListener<?>> listeners,
			ConcurrentKafkaListenerContainerFactory<Object, Object> groupFactory,
			ConcurrentKafkaListenerContainerFactory<Object, Object> broadcastFactory, KafkaAdmin kafkaAdmin,
			long adminTimeoutMs, boolean autoStartup) {
		this.routes = routes;
		this.groupFactory = groupFactory;
		this.broadcastFactory = broadcastFactory;
		this.kafkaAdmin = kafkaAdmin;
		this.adminTimeoutMs = adminTimeoutMs;
		this.autoStartup = autoStartup;
		this.listenersByRoute.putAll(listeners);
	}

	@Override
	public synchronized void start() {
		this.running = true;
		for (Route<?> route : this.routes.routes()) {
			if (route.startAfter() == null) {
				startRoute(route);
			}
		}
	}

	private synchronized void startRoute(Route<?> route) {
		if (!this.running || this.containers.containsKey(route.name())) {
			return;
		}
		RouteListener<?> listener = this.listenersByRoute.get(route.name());
		ConcurrentMessageListenerContainer<Object, Object> container;
		if (route.isBroadcast()) {
			BroadcastStart start = broadcastStart(route);
			container = this.broadcastFactory.createContainer(start.partitions().toArray(TopicPartitionOffset[]::new));
			listener.awaitCatchUp(new CatchUp(start.endOffsets(), start.earliestOffsets()),
					() -> startRoutesAfter(route));
		}
		else {
			container = this.groupFactory.createContainer(route.topics().toArray(String[]::new));
		}
		configure(container, route, listener);
		this.containers.put(route.name(), container);
		container.start();
		logger.info("Route {} started", route);
	}

	private void startRoutesAfter(Route<?> first) {
		logger.info("Route '{}' is caught up", first.name());
		// started from another thread: this one is the caught-up route's consumer
		new Thread(() -> {
			for (Route<?> route : this.routes.routes()) {
				if (first.name().equals(route.startAfter())) {
					startRoute(route);
				}
			}
		}, "fleet-route-start").start();
	}

	private static void configure(ConcurrentMessageListenerContainer<Object, Object> container, Route<?> route,
			RouteListener<?> listener) {
		container.setBeanName("fleet-route-" + route.name());
		FleetProperties.RouteConsumer consumer = route.consumer();
		if (consumer.concurrency() != null) {
			container.setConcurrency(consumer.concurrency());
		}
		var properties = container.getContainerProperties();
		if (consumer.groupId() != null) {
			properties.setGroupId(consumer.groupId());
		}
		Properties overrides = new Properties();
		if (consumer.maxPollRecords() != null) {
			overrides.setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(consumer.maxPollRecords()));
		}
		if (consumer.autoOffsetReset() != null) {
			overrides.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, consumer.autoOffsetReset());
		}
		properties.setKafkaConsumerProperties(overrides);
		// the listener commits each batch itself, once every loader has it; broadcast
		// routes never commit (they have no group)
		properties.setAckMode(route.isBroadcast() ? AckMode.MANUAL : AckMode.MANUAL_IMMEDIATE);
		properties.setIdleEventInterval(IDLE_INTERVAL_MS);
		properties.setMessageListener(listener);
	}

	private BroadcastStart broadcastStart(Route<?> route) {
		try (Admin admin = Admin.create(this.kafkaAdmin.getConfigurationProperties())) {
			Map<String, TopicDescription> topics = admin.describeTopics(route.topics())
				.allTopicNames()
				.get(this.adminTimeoutMs, TimeUnit.MILLISECONDS);
			List<TopicPartition> partitions = new ArrayList<>();
			topics.values()
				.forEach((topic) -> topic.partitions()
					.forEach((info) -> partitions.add(new TopicPartition(topic.name(), info.partition()))));
			return new BroadcastStart(partitions, offsets(admin, partitions, OffsetSpec.latest()),
					offsets(admin, partitions, OffsetSpec.earliest()));
		}
		catch (Exception ex) {
			throw new IllegalStateException(
					"Broadcast route '" + route.name() + "' could not read the partitions of " + route.topics(), ex);
		}
	}

	private Map<TopicPartition, Long> offsets(Admin admin, Collection<TopicPartition> partitions, OffsetSpec spec)
			throws Exception {
		Map<TopicPartition, OffsetSpec> request = new HashMap<>();
		partitions.forEach((partition) -> request.put(partition, spec));
		Map<TopicPartition, Long> offsets = new HashMap<>();
		admin.listOffsets(request)
			.all()
			.get(this.adminTimeoutMs, TimeUnit.MILLISECONDS)
			.forEach((partition, info) -> offsets.put(partition, info.offset()));
		return offsets;
	}

	@Override
	public void stop(Runnable callback) {
		List<ConcurrentMessageListenerContainer<Object, Object>> running;
		synchronized (this) {
			this.running = false;
			running = new ArrayList<>(this.containers.values());
			this.containers.clear();
		}
		if (running.isEmpty()) {
			callback.run();
			return;
		}
		AtomicInteger remaining = new AtomicInteger(running.size());
		running.forEach((container) -> container.stop(() -> {
			if (remaining.decrementAndGet() == 0) {
				callback.run();
			}
		}));
	}

	@Override
	public void stop() {
		stop(() -> {
		});
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	@Override
	public int getPhase() {
		return AbstractMessageListenerContainer.DEFAULT_PHASE;
	}

	/** Routes whose container has been started. */
	synchronized Map<String, ConcurrentMessageListenerContainer<Object, Object>> started() {
		return Map.copyOf(this.containers);
	}

	RouteTable routes() {
		return this.routes;
	}

	RouteListener<?> listener(String route) {
		return this.listenersByRoute.get(route);
	}

	private record BroadcastStart(List<TopicPartition> topicPartitions, Map<TopicPartition, Long> endOffsets,
			Map<TopicPartition, Long> earliestOffsets) {

		List<TopicPartitionOffset> partitions() {
			// the listener seeks each partition on assignment (state position or
			// beginning)
			return this.topicPartitions.stream()
				.map((partition) -> new TopicPartitionOffset(partition.topic(), partition.partition()))
				.toList();
		}

	}

}
