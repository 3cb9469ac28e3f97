package io.fleetstream.common;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * FleetStream settings shared by every service ({@code fleet.*}). Connections themselves
 * are configured with Spring Boot's standard {@code spring.kafka.*} and
 * {@code spring.data.redis.*} properties.
 *
 * @param routes which handler and loaders serve which topics, by route name; a new topic
 * of a known shape needs only a new entry here
 * @param pipeline ticks and stall detection of the routes
 * @param kafka consumption, retry and dead-letter settings
 * @param redis Redis authentication beyond Spring Boot's properties
 */
@Validated
@ConfigurationProperties("fleet")
public record FleetProperties(@DefaultValue Map<String, @Valid Route> routes, @DefaultValue @Valid Pipeline pipeline,
		@DefaultValue @Valid Kafka kafka, @DefaultValue @Valid Redis redis) {

	/**
	 * One route: records of these topics are turned into values by the named handler and
	 * written by the named loaders, in order; a batch is committed only once every loader
	 * has it.
	 *
	 * @param topics the topics the route reads
	 * @param handler the {@code RecordHandler} bean's name
	 * @param loaders the {@code RecordLoader} beans' names, written in this order
	 * @param mode {@code group} (replicas share the partitions) or {@code broadcast}
	 * (every replica reads every partition, with no consumer group)
	 * @param startAfter the name of a broadcast route that must be caught up before this
	 * route starts; until then readiness is DOWN
	 * @param consumer settings of this route's consumers; unset ones are the service's
	 */
	public record Route(@NotEmpty List<@NotBlank String> topics, @NotBlank String handler,
			@NotEmpty List<@NotBlank String> loaders, @DefaultValue("group") @NotNull RouteMode mode, String startAfter,
			@DefaultValue @Valid RouteConsumer consumer) {

		// the canonical constructor binds (the record has a second one, for code)
		@ConstructorBinding
		public Route {
			topics = List.copyOf(topics);
			loaders = List.copyOf(loaders);
		}

		/** A group route with the service's consumer settings. */
		public Route(List<String> topics, String handler, List<String> loaders) {
			this(topics, handler, loaders, RouteMode.GROUP, null, RouteConsumer.DEFAULTS);
		}

	}

	/** How the replicas of a service share a route's partitions. */
	public enum RouteMode {

		/**
		 * The replicas form one consumer group and share the partitions; offsets are
		 * committed after each batch.
		 */
		GROUP,

		/**
		 * Every replica reads every partition (manually assigned, no consumer group, no
		 * commits), from the position the route's state gives, else from the beginning:
		 * for state every replica holds in full, such as a CDC snapshot.
		 */
		BROADCAST

	}

	/**
	 * A route's consumer settings; each one unset here is the service's
	 * ({@code spring.kafka.consumer.*}, {@code spring.kafka.listener.concurrency}).
	 *
	 * @param groupId the consumer group (group routes only)
	 * @param concurrency consumer threads per replica
	 * @param maxPollRecords the largest batch
	 * @param autoOffsetReset where a group without committed offsets starts
	 * ({@code earliest} or {@code latest})
	 */
	public record RouteConsumer(String groupId, @Positive Integer concurrency, @Positive Integer maxPollRecords,
			@Pattern(regexp = "earliest|latest") String autoOffsetReset) {

		public static final RouteConsumer DEFAULTS = new RouteConsumer(null, null, null, null);

	}

	/**
	 * @param tickInterval how often handlers and loaders that keep state get a tick
	 * (rules that fire without input), on their consumer thread
	 * @param stallThreshold a partition whose batch has been failing longer than this
	 * makes the {@code consumption} health component DOWN
	 */
	public record Pipeline(@DefaultValue("10s") @NotNull Duration tickInterval,
			@DefaultValue("2m") @NotNull Duration stallThreshold) {
	}

	/**
	 * @param deadLetterSuffix appended to a source topic's name to name its dead-letter
	 * topic (spring-kafka's default)
	 * @param createTopics whether to create missing source topics and their dead-letter
	 * topics, and to add partitions to a dead-letter topic smaller than its source, at
	 * start-up. Off by default: in production topics are created ahead with their
	 * retention and ACLs. On or off, start-up fails naming any routed topic or
	 * dead-letter topic that is missing or too small afterwards, because a poison record
	 * with nowhere to go would stop its partition
	 * @param defaultPartitions partitions of a source topic created at start-up
	 * @param topicSetupTimeout how long start-up waits for the topic check (and
	 * creation); start-up fails when the broker has not answered by then
	 * @param deadLetterSendTimeout the longest a dead-letter publish may take, broker
	 * metadata and acknowledgement included, before it fails and the batch is retried
	 * @param healthTimeout the longest the Kafka health check waits for the cluster to
	 * answer before it reports DOWN; below the kubelet's default probe timeout of 1 s
	 * @param retry back-off for transient failures (Redis or Kafka unreachable): retried
	 * forever, never dead-lettered, never skipped
	 */
	public record Kafka(@DefaultValue("-dlt") @NotBlank String deadLetterSuffix,
			@DefaultValue("false") boolean createTopics, @DefaultValue("4") @Positive int defaultPartitions,
			@DefaultValue("30s") @NotNull Duration topicSetupTimeout,
			@DefaultValue("10s") @NotNull @DurationMin(millis = 100) Duration deadLetterSendTimeout,
			@DefaultValue("800ms") @NotNull @DurationMin(millis = 1) Duration healthTimeout,
			@DefaultValue @Valid Retry retry) {
	}

	/**
	 * Exponential back-off between attempts of a batch that failed for a transient
	 * reason.
	 */
	public record Retry(@DefaultValue("500ms") @NotNull Duration initialInterval,
			@DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
			@DefaultValue("30s") @NotNull Duration maxInterval) {
	}

	/**
	 * @param iam ElastiCache IAM authentication
	 */
	public record Redis(@DefaultValue @Valid Iam iam) {
	}

	/**
	 * ElastiCache IAM authentication: the password is a SigV4-presigned token made from
	 * the default AWS credentials chain (IRSA on EKS), valid 15 minutes and refreshed
	 * before it expires. Requires TLS ({@code spring.data.redis.ssl.enabled=true}) and
	 * {@code spring.data.redis.username} equal to {@code userId}.
	 *
	 * @param enabled whether to authenticate with IAM tokens
	 * @param userId the ElastiCache user id (also the Redis user name)
	 * @param cacheName the replication group id or serverless cache name the token is for
	 * @param serverless whether the cache is ElastiCache Serverless
	 * @param region the AWS region; empty for the default region provider chain
	 * @param tokenRefreshInterval how often a new token is made (below 15 minutes)
	 */
	public record Iam(boolean enabled, String userId, String cacheName, boolean serverless, String region,
			@DefaultValue("10m") @NotNull Duration tokenRefreshInterval) {
	}

}
