package io.fleetstream.enrichment;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.fleetstream.testsupport.RedisCommandStats;
import io.fleetstream.testsupport.SharedKafkaBroker;
import io.fleetstream.testsupport.SharedRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.awaitility.Awaitility.await;

/**
 * Starts whole enrichment-service instances (replicas of one service when started
 * together) against the shared real broker and redis-server, on topics of their own, and
 * reads what tests check: topics and Redis.
 */
public final class EnrichmentApps implements AutoCloseable {

	public final String gps;

	public final String status;

	public final String enriched;

	public final String schemaChanges;

	public final String group;

	public final String cdcCarinfo;

	public final String cdcDeviceinfo;

	private final List<ConfigurableApplicationContext> started = new ArrayList<>();

	private final KafkaProducer<String, String> producer;

	public EnrichmentApps(String name) throws Exception {
		String suffix = name + "." + UUID.randomUUID().toString().substring(0, 8);
		this.gps = "it.gps." + suffix;
		this.status = "it.status." + suffix;
		this.enriched = "it.enriched." + suffix;
		this.schemaChanges = "it.schema." + suffix;
		this.group = "it-enrichment-" + suffix;
		this.cdcCarinfo = "it.cdc.carinfo." + suffix;
		this.cdcDeviceinfo = "it.cdc.deviceinfo." + suffix;
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafkaBroker.bootstrapServers()))) {
			admin
				.createTopics(List.of(topic(this.gps), topic(this.status), topic(this.enriched),
						topic(this.schemaChanges), topic(this.gps + "-dlt"), topic(this.status + "-dlt")))
				.all()
				.get();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> admin.describeTopics(List.of(this.gps, this.status, this.enriched, this.schemaChanges))
					.allTopicNames()
					.get()
					.values()
					.stream()
					.allMatch((topic) -> topic.partitions().stream().allMatch((p) -> p.leader() != null)));
		}
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers(),
						ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new StringSerializer());
	}

	private static NewTopic topic(String name) {
		return new NewTopic(name, 4, (short) 1);
	}

	/** The properties an instance gets, for a child JVM to get the same. */
	public List<String> properties(String... extra) {
		List<String> all = new ArrayList<>(List.of(
				"spring.kafka.bootstrap-servers=" + SharedKafkaBroker.bootstrapServers(),
				"spring.data.redis.host=" + SharedRedis.standalone().host(),
				"spring.data.redis.port=" + SharedRedis.standalone().port(),
				"spring.kafka.consumer.group-id=" + this.group,
				"spring.kafka.consumer.properties[fetch.max.wait.ms]=100", "fleet.kafka.retry.initial-interval=100ms",
				"fleet.kafka.retry.max-interval=500ms", "fleet.routes.telemetry.topics=" + this.gps + "," + this.status,
				"fleet.enrichment.telemetry.gps-topics=" + this.gps,
				"fleet.enrichment.telemetry.enriched-topic=" + this.enriched,
				"fleet.enrichment.schema.topic=" + this.schemaChanges, "fleet.enrichment.schema.learn-records=0",
				// the cdc route (which the telemetry route starts after) on topics of
				// this
				// test's own, created empty, so it is caught up at once
				"fleet.routes.cdc.topics=" + this.cdcCarinfo + "," + this.cdcDeviceinfo,
				"fleet.kafka.create-topics=true",
				// the tests' fixes carry small event times (ms after 1970) against
				// records
				// timestamped now: far beyond the default past skew
				"fleet.gps.max-past-skew=36500d", "fleet.security.open=true", "fleet.security.rate-limit.enabled=false",
				"server.port=0", "management.server.port=0", "spring.main.banner-mode=off"));
		all.addAll(List.of(extra));
		// a later setting of the same key replaces the earlier one (arguments would join
		// them)
		Map<String, String> byKey = new java.util.LinkedHashMap<>();
		all.forEach((property) -> byKey.put(property.substring(0, property.indexOf('=')), property));
		return List.copyOf(byKey.values());
	}

	public ConfigurableApplicationContext start(String... extra) {
		// as arguments: they override application.yaml (builder properties would not)
		ConfigurableApplicationContext context = new SpringApplicationBuilder(EnrichmentApplication.class)
			.run(properties(extra).stream().map((property) -> "--" + property).toArray(String[]::new));
		this.started.add(context);
		return context;
	}

	public void stop(ConfigurableApplicationContext context) {
		context.close();
		this.started.remove(context);
	}

	public void send(String topic, String carId, String json) {
		try {
			this.producer.send(new ProducerRecord<>(topic, carId, json)).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Every record of the topic up to its end offsets when called.
	 * @throws AssertionError if the end offsets are not reached within 10 s: never a
	 * partial result
	 */
	public static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedKafkaBroker.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10))
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			long deadline = System.currentTimeMillis() + 10_000;
			while (!end.entrySet().stream().allMatch((e) -> consumer.position(e.getKey()) >= e.getValue())) {
				if (System.currentTimeMillis() > deadline) {
					throw new AssertionError("Did not reach the end offsets " + end + " of " + topic + " in 10 s");
				}
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
		}
		return records;
	}

	/**
	 * The group's lag over the telemetry topics: records not yet through every loader.
	 */
	public long lag() throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafkaBroker.bootstrapServers()))) {
			Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed = admin
				.listConsumerGroupOffsets(this.group)
				.partitionsToOffsetAndMetadata()
				.get();
			Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new HashMap<>();
			for (String topic : List.of(this.gps, this.status)) {
				for (int partition = 0; partition < 4; partition++) {
					latest.put(new TopicPartition(topic, partition),
							org.apache.kafka.clients.admin.OffsetSpec.latest());
				}
			}
			long lag = 0;
			for (var end : admin.listOffsets(latest).all().get().entrySet()) {
				var offset = committed.get(end.getKey());
				lag += end.getValue().offset() - ((offset != null) ? offset.offset() : 0);
			}
			return lag;
		}
	}

	/** The partitions of the telemetry topics each member of the group holds. */
	public Map<String, List<TopicPartition>> assignments() throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafkaBroker.bootstrapServers()))) {
			Map<String, List<TopicPartition>> members = new HashMap<>();
			admin.describeConsumerGroups(List.of(this.group))
				.all()
				.get()
				.get(this.group)
				.members()
				.forEach((member) -> members.put(member.consumerId(),
						List.copyOf(member.assignment().topicPartitions())));
			return members;
		}
	}

	public static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	/** A car's stored state, read directly: path -> JSON value and path -> event time. */
	public static Map<String, String> storedState(String carId) {
		try (RedisClient client = RedisClient
			.create("redis://" + SharedRedis.standalone().host() + ":" + SharedRedis.standalone().port());
				StatefulRedisConnection<String, String> connection = client.connect()) {
			Map<String, String> values = connection.sync().hgetall("fleet:state:{" + carId + "}");
			Map<String, String> times = connection.sync().hgetall("fleet:state:{" + carId + "}:t");
			return values.entrySet()
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey, (e) -> e.getValue() + "@" + times.get(e.getKey())));
		}
	}

	/** {@code INFO commandstats}: calls per command. */
	public static Map<String, Long> commandCalls() {
		try (RedisClient client = RedisClient
			.create("redis://" + SharedRedis.standalone().host() + ":" + SharedRedis.standalone().port());
				StatefulRedisConnection<String, String> connection = client.connect()) {
			return RedisCommandStats.calls(connection.sync().info("commandstats"));
		}
	}

	@Override
	public void close() {
		new ArrayList<>(this.started).forEach(ConfigurableApplicationContext::close);
		this.producer.close();
	}

}
