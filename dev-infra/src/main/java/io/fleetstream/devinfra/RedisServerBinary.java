package io.fleetstream.devinfra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;

import redis.embedded.core.ExecutableProvider;

/**
 * The redis-server binary every FleetStream launcher runs: the one on the PATH when
 * installed (a newer Redis, the developer's choice), else the Redis 6.2 shipped in the
 * embedded-redis artifact, so that nothing but a JDK is needed.
 * <p>
 * The shipped binary is extracted to a temporary file once per JVM: a Redis Cluster
 * starts several servers, and each extraction copies ~10 MB.
 */
public final class RedisServerBinary {

	private static File found;

	private RedisServerBinary() {
	}

	/** The binary, found (and extracted if need be) on first use. */
	public static synchronized File find() {
		if (found == null) {
			found = locate();
		}
		return found;
	}

	/** The binary as embedded-redis's server and cluster builders take it. */
	public static ExecutableProvider provider() {
		return RedisServerBinary::find;
	}

	private static File locate() {
		try {
			return ExecutableProvider.newExecutableInPath("redis-server").get();
		}
		catch (IOException notOnPath) {
			try {
				return ExecutableProvider.newJarResourceProvider().get();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("No redis-server on the PATH and none could be extracted", ex);
			}
		}
	}

}
