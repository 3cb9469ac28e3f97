package io.fleetstream.devinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import redis.embedded.RedisShardedCluster;
import redis.embedded.core.RedisServerBuilder;
import redis.embedded.core.RedisShardedClusterBuilder;

/**
 * A real 3-master Redis Cluster (no replicas) on free loopback ports, each node's bus
 * port (port + 10000) free too.
 */
public final class RedisClusterProcess implements AutoCloseable {

	private final RedisShardedCluster cluster;

	private final List<Integer> ports;

	private RedisClusterProcess(RedisShardedCluster cluster, List<Integer> ports) {
		this.cluster = cluster;
		this.ports = ports;
	}

	public static RedisClusterProcess start(int masters) {
		List<Integer> ports = new ArrayList<>();
		while (ports.size() < masters) {
			int port = FreePorts.findWithBusPort();
			if (!ports.contains(port)) {
				ports.add(port);
			}
		}
		// the ports must be set before the shards, or the builder silently uses 6379...
		RedisShardedClusterBuilder builder = RedisShardedCluster.newRedisCluster()
			.withServerBuilder(new RedisServerBuilder().executableProvider(RedisServerBinary.provider())
				.bind("127.0.0.1")
				.setting("save \"\"")
				.setting("appendonly no"))
			.serverPorts(ports);
		for (int i = 0; i < masters; i++) {
			builder.shard("master" + i, 0);
		}
		try {
			RedisShardedCluster cluster = builder.build();
			cluster.start();
			return new RedisClusterProcess(cluster, List.copyOf(ports));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Redis cluster did not start on ports " + ports, ex);
		}
	}

	/** The {@code spring.data.redis.cluster.nodes} value. */
	public String nodes() {
		return this.ports.stream().map((port) -> "127.0.0.1:" + port).collect(Collectors.joining(","));
	}

	public List<Integer> ports() {
		return this.ports;
	}

	@Override
	public void close() {
		try {
			this.cluster.stop();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
