package io.fleetstream.common.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.fleetstream.common.FleetProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Checks at start-up, before any listener starts, that every routed topic exists and that
 * its dead-letter topic exists with at least the source's partitions (the dead-letter
 * publisher keeps a record's partition). Start-up fails with a message naming each
 * missing or too small topic, and when the broker does not answer within
 * {@code fleet.kafka.topic-setup-timeout}: without its dead-letter topic, the first
 * poison record would stop its partition for good (with broker auto-creation off, the
 * publish can never succeed). With {@code fleet.kafka.create-topics=true} missing topics
 * are created and small dead-letter topics grown first. Also reads each dead-letter
 * topic's {@code max.message.bytes} for {@link DeadLetterTopicLimits}.
 */
public class RoutedTopicsSetup implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(RoutedTopicsSetup.class);

	private final KafkaAdmin kafkaAdmin;

	private final FleetProperties.Kafka properties;

	private final Set<String> sources = new LinkedHashSet<>();

	private final DeadLetterTopicLimits limits;

	public RoutedTopicsSetup(KafkaAdmin kafkaAdmin, FleetProperties properties, DeadLetterTopicLimits limits) {
		this.kafkaAdmin = kafkaAdmin;
		this.properties = properties.kafka();
		properties.routes().values().forEach((route) -> this.sources.addAll(route.topics()));
		this.limits = limits;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.sources.isEmpty()) {
			return;
		}
		Duration timeout = this.properties.topicSetupTimeout();
		Admin admin = Admin.create(this.kafkaAdmin.getConfigurationProperties());
		List<String> problems;
		try {
			problems = setUp(admin, timeout.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while checking the routed topics", ex);
		}
		catch (Exception ex) {
			Throwable cause = (ex instanceof ExecutionException && ex.getCause() != null) ? ex.getCause() : ex;
			throw new IllegalStateException(
					"Could not check the routed topics " + this.sources + " and their dead-letter topics within "
							+ timeout + " (fleet.kafka.topic-setup-timeout): " + cause,
					ex);
		}
		finally {
			// pending calls would otherwise hold start-up until they time out
			admin.close(Duration.ZERO);
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("Routed topics are not ready: " + String.join("; ", problems)
					+ ". Create them, or set fleet.kafka.create-topics=true to have them created at start-up");
		}
	}

	private List<String> setUp(Admin admin, long timeoutMs) throws Exception {
		boolean create = this.properties.createTopics();
		List<String> problems = new ArrayList<>();
		Map<String, Integer> sourcePartitions = partitions(admin, this.sources, timeoutMs);
		List<NewTopic> newTopics = new ArrayList<>();
		for (String source : this.sources) {
			if (!sourcePartitions.containsKey(source) && create) {
				sourcePartitions.put(source, this.properties.defaultPartitions());
				newTopics.add(new NewTopic(source, Optional.of(this.properties.defaultPartitions()), Optional.empty()));
			}
			else if (!sourcePartitions.containsKey(source)) {
				problems.add("routed topic '" + source + "' does not exist");
			}
		}
		Map<String, Integer> wanted = new LinkedHashMap<>();
		sourcePartitions.forEach((source, count) -> wanted.put(source + this.properties.deadLetterSuffix(), count));
		Map<String, Integer> existing = partitions(admin, wanted.keySet(), timeoutMs);
		Map<String, NewPartitions> grow = new LinkedHashMap<>();
		wanted.forEach((topic, count) -> {
			Integer current = existing.get(topic);
			if (current == null && create) {
				newTopics.add(new NewTopic(topic, Optional.of(count), Optional.empty()));
			}
			else if (current == null) {
				problems.add("dead-letter topic '" + topic + "' does not exist (it needs at least " + count
						+ " partitions)");
			}
			else if (current < count && create) {
				grow.put(topic, NewPartitions.increaseTo(count));
			}
			else if (current < count) {
				problems.add("dead-letter topic '" + topic + "' has " + current + " partitions, fewer than the " + count
						+ " of its source");
			}
		});
		create(admin, newTopics, timeoutMs);
		if (!grow.isEmpty()) {
			admin.createPartitions(grow).all().get(timeoutMs, TimeUnit.MILLISECONDS);
		}
		if (problems.isEmpty()) {
			readMaxMessageBytes(admin, wanted.keySet(), timeoutMs);
			logger.info("Topics ready: {} with dead-letter topics {}", sourcePartitions, wanted.keySet());
		}
		return problems;
	}

	private static Map<String, Integer> partitions(Admin admin, Collection<String> topics, long timeoutMs)
			throws Exception {
		Set<String> known = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
		List<String> present = topics.stream().filter(known::contains).toList();
		Map<String, Integer> partitions = new LinkedHashMap<>();
		if (!present.isEmpty()) {
			Map<String, TopicDescription> descriptions = admin.describeTopics(present)
				.allTopicNames()
				.get(timeoutMs, TimeUnit.MILLISECONDS);
			descriptions.forEach((name, description) -> partitions.put(name, description.partitions().size()));
		}
		return partitions;
	}

	private static void create(Admin admin, List<NewTopic> topics, long timeoutMs) throws Exception {
		if (topics.isEmpty()) {
			return;
		}
		try {
			admin.createTopics(topics).all().get(timeoutMs, TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			// another replica starting at the same time may have created them
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw ex;
			}
		}
	}

	private void readMaxMessageBytes(Admin admin, Set<String> deadLetterTopics, long timeoutMs) throws Exception {
		List<ConfigResource> resources = deadLetterTopics.stream()
			.map((topic) -> new ConfigResource(ConfigResource.Type.TOPIC, topic))
			.toList();
		Map<ConfigResource, Config> configs;
		try {
			configs = admin.describeConfigs(resources).all().get(timeoutMs, TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			// e.g. no DescribeTopicDynamicConfiguration permission: the broker default is
			// assumed
			logger.warn("Could not read max.message.bytes of {}: {}", deadLetterTopics, ex.getCause().toString());
			return;
		}
		configs.forEach((resource, config) -> {
			ConfigEntry entry = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
			if (entry != null && entry.value() != null) {
				this.limits.maxMessageBytes(resource.name(), Integer.parseInt(entry.value()));
			}
		});
	}

}
