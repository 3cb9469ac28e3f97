package io.fleetstream.local.infra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;

import redis.embedded.core.ExecutableProvider;

/**
 * Finds a redis-server binary: the one on the PATH when installed, else the one shipped
 * in the embedded-redis artifact (extracted to a temporary file).
 */
final class RedisExecutable {

	private RedisExecutable() {
	}

	static File find() {
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
