package io.fleetstream.common.redis;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Lettuce's asynchronous commands on the connection Spring Boot configured (standalone or
 * cluster, TLS, credentials, topology refresh all included). Commands issued without
 * waiting between them are pipelined on the wire, which is how batches are written in one
 * round trip; the same type serves standalone and cluster mode.
 */
public class AsyncRedis {

	private final LettuceConnectionFactory connectionFactory;

	public AsyncRedis(LettuceConnectionFactory connectionFactory) {
		this.connectionFactory = connectionFactory;
	}

	/**
	 * The shared native connection's commands. Never close them: the connection belongs
	 * to the connection factory.
	 */
	@SuppressWarnings("unchecked")
	public RedisClusterAsyncCommands<byte[], byte[]> commands() {
		RedisConnection connection = this.connectionFactory.getConnection();
		return (RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
	}

}
