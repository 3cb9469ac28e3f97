package io.fleetstream.local;

/**
 * Where the local Kafka broker and redis-server listen, as every service and simulator
 * needs to know.
 *
 * @param kafkaBootstrapServers the {@code spring.kafka.bootstrap-servers} value
 * @param redisHost the {@code spring.data.redis.host} value
 * @param redisPort the {@code spring.data.redis.port} value
 */
public record Infrastructure(String kafkaBootstrapServers, String redisHost, int redisPort) {
}
