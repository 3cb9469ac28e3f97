package io.fleetstream.devinfra;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The redis-server binary is found (or extracted) once per JVM and is a Redis that runs.
 */
class RedisServerBinaryTests {

	@Test
	void findsARedisServerThatRuns() throws Exception {
		File binary = RedisServerBinary.find();
		Process version = new ProcessBuilder(binary.getAbsolutePath(), "--version").redirectErrorStream(true).start();
		assertThat(version.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
			.startsWith("Redis server v=");
	}

	@Test
	void extractsTheShippedBinaryOnlyOnce() throws Exception {
		assertThat(RedisServerBinary.find()).isSameAs(RedisServerBinary.find());
		assertThat(RedisServerBinary.provider().get()).isSameAs(RedisServerBinary.find());
	}

}
