package io.fleetstream.common.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.fleetstream.common.FleetProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Makes sure, at start-up, that every routed topic's dead-letter topic exists with at
 * least the source's partition count: the dead-letter publisher keeps a record's
 * partition, so a smaller dead-letter topic would fail the publish. Missing source topics
 * are created too when {@code fleet.kafka.create-topics} is on. A broker that cannot be
 * reached is logged, not fatal: the service's readiness reports Kafka.
 */
public class DeadLetterTopicsInitializer implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(DeadLetterTopicsInitializer.class);

	private final KafkaAdmin kafkaAdmin;

	private final FleetProperties properties;

	public DeadLetterTopicsInitializer(KafkaAdmin kafkaAdmin, FleetProperties properties) {
		this.kafkaAdmin = kafkaAdmin;
		this.properties = properties;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Set<String> sources = new LinkedHashSet<>();
		this.properties.routes().values().forEach((route) -> sources.addAll(route.topics()));
		if (!sources.isEmpty() && this.properties.kafka().createTopics()) {
			try (Admin admin = Admin.create(this.kafkaAdmin.getConfigurationProperties())) {
				ensure(admin, sources);
			}
			catch (Exception ex) {
				logger.error("Could not set up topics {} and their dead-letter topics: {}", sources, ex.toString());
			}
		}
	}

	private void ensure(Admin admin, Set<String> sources) throws Exception {
		long timeoutMs = this.properties.kafka().topicSetupTimeout().toMillis();
		Map<String, Integer> sourcePartitions = partitions(admin, sources, timeoutMs);
		List<NewTopic> missingSources = new ArrayList<>();
		for (String source : sources) {
			if (!sourcePartitions.containsKey(source)) {
				int partitions = this.properties.kafka().defaultPartitions();
				missingSources.add(new NewTopic(source, Optional.of(partitions), Optional.empty()));
				sourcePartitions.put(source, partitions);
			}
		}
		create(admin, missingSources, timeoutMs);
		Map<String, Integer> wanted = new HashMap<>();
		sourcePartitions
			.forEach((source, count) -> wanted.put(source + this.properties.kafka().deadLetterSuffix(), count));
		Map<String, Integer> existing = partitions(admin, wanted.keySet(), timeoutMs);
		List<NewTopic> missing = new ArrayList<>();
		Map<String, NewPartitions> grow = new HashMap<>();
		wanted.forEach((topic, count) -> {
			Integer current = existing.get(topic);
			if (current == null) {
				missing.add(new NewTopic(topic, Optional.of(count), Optional.empty()));
			}
			else if (current < count) {
				grow.put(topic, NewPartitions.increaseTo(count));
			}
		});
		create(admin, missing, timeoutMs);
		if (!grow.isEmpty()) {
			admin.createPartitions(grow).all().get(timeoutMs, TimeUnit.MILLISECONDS);
		}
		logger.info("Topics ready: {} with dead-letter topics {}", sourcePartitions, wanted.keySet());
	}

	private static Map<String, Integer> partitions(Admin admin, Collection<String> topics, long timeoutMs)
			throws Exception {
		Set<String> known = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
		List<String> present = topics.stream().filter(known::contains).toList();
		Map<String, Integer> partitions = new HashMap<>();
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
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw ex;
			}
		}
	}

}
