package io.fleetstream.testsupport;

import io.fleetstream.devinfra.RedisClusterProcess;
import io.fleetstream.devinfra.RedisProcess;

/**
 * One standalone redis-server and one 3-master Redis Cluster per JVM, each started on
 * first use and stopped when the JVM exits.
 */
public final class SharedRedis {

	private static RedisProcess standalone;

	private static RedisClusterProcess cluster;

	private SharedRedis() {
	}

	public static synchronized RedisProcess standalone() {
		if (standalone == null) {
			standalone = RedisProcess.startEphemeral();
			Runtime.getRuntime().addShutdownHook(new Thread(standalone::stop, "redis-shutdown"));
		}
		return standalone;
	}

	public static synchronized RedisClusterProcess cluster() {
		if (cluster == null) {
			cluster = RedisClusterProcess.start(3);
			Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "redis-cluster-shutdown"));
		}
		return cluster;
	}

}
