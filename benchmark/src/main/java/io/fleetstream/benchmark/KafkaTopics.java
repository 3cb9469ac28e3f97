package io.fleetstream.benchmark;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Topic set-up and consumer-group progress, through the admin client: how the harness
 * knows a consumer has committed (and so, at-least-once, applied) every record.
 */
final class KafkaTopics implements AutoCloseable {

	private final Admin admin;

	KafkaTopics(String bootstrapServers) {
		Properties properties = new Properties();
		properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		this.admin = Admin.create(properties);
	}

	void create(String topic, int partitions) {
		call(() -> this.admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get());
	}

	List<TopicPartition> partitions(String topic) {
		return call(() -> this.admin.describeTopics(List.of(topic))
			.allTopicNames()
			.get()
			.get(topic)
			.partitions()
			.stream()
			.map((info) -> new TopicPartition(topic, info.partition()))
			.toList());
	}

	long endOffsetSum(String topic) {
		return endOffsets(partitions(topic)).values().stream().mapToLong(Long::longValue).sum();
	}

	/** Records of {@code topic} the group has committed, summed over partitions. */
	long committedSum(String group, String topic) {
		Map<TopicPartition, OffsetAndMetadata> committed = call(
				() -> this.admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get());
		return committed.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().topic().equals(topic) && entry.getValue() != null)
			.mapToLong((entry) -> entry.getValue().offset())
			.sum();
	}

	/**
	 * The groups other than {@code excluded} that have committed offsets of the topic.
	 */
	List<String> groupsConsuming(String topic, Collection<String> excluded) {
		ListConsumerGroupsResult groups = this.admin.listConsumerGroups();
		List<String> ids = call(() -> groups.all().get()).stream().map(ConsumerGroupListing::groupId).toList();
		return ids.stream()
			.filter((id) -> !excluded.contains(id))
			.filter((id) -> committedSum(id, topic) > 0)
			.collect(Collectors.toList());
	}

	private Map<TopicPartition, Long> endOffsets(List<TopicPartition> partitions) {
		Map<TopicPartition, OffsetSpec> request = partitions.stream()
			.collect(Collectors.toMap(Function.identity(), (partition) -> OffsetSpec.latest()));
		return call(() -> this.admin.listOffsets(request).all().get()).entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().offset()));
	}

	private static <T> T call(AdminCall<T> call) {
		try {
			return call.get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Kafka admin call failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.admin.close();
	}

	private interface AdminCall<T> {

		T get() throws InterruptedException, ExecutionException;

	}

}
