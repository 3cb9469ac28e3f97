package io.fleetstream.ingest.api;

import java.time.Duration;

import io.fleetstream.common.redis.AsyncRedisAutoConfiguration;
import io.fleetstream.ingest.FrozenRedis;
import io.fleetstream.ingest.position.PositionKeys;
import io.fleetstream.devinfra.RedisProcess;
import io.lettuce.core.RedisException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Fault: the redis-server is frozen (SIGSTOP) while the API reads a car's position
 * through the queries the service wires, with the writer's
 * {@code spring.data.redis.timeout} at 10 s. Must hold: the read fails with a
 * {@link RedisException} (answered 503) after the API's own
 * {@code fleet.ingest.api.redis-timeout}, not the command timeout: with 1 s and with 3 s
 * configured, after at least 0.9 times that and within it plus 1.5 s.
 */
class ApiRedisTimeoutTests {

	private static final Duration SLACK = Duration.ofMillis(1500);

	private static RedisProcess server;

	@BeforeAll
	static void startRedis() {
		server = RedisProcess.startEphemeral();
	}

	@AfterAll
	static void stopRedis() {
		server.stop();
	}

	@ParameterizedTest(name = "fleet.ingest.api.redis-timeout={0}ms")
	@ValueSource(longs = { 1000, 3000 })
	void readAgainstAFrozenRedisFailsAfterTheApiRedisTimeout(long timeoutMs) {
		Duration timeout = Duration.ofMillis(timeoutMs);
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DataRedisAutoConfiguration.class, AsyncRedisAutoConfiguration.class))
			.withUserConfiguration(ApiConfiguration.class)
			.withBean(PositionKeys.class, () -> new PositionKeys(16))
			.withPropertyValues("spring.data.redis.host=" + server.host(), "spring.data.redis.port=" + server.port(),
					"spring.data.redis.timeout=10s", "fleet.ingest.api.redis-timeout=" + timeoutMs + "ms")
			.run((context) -> {
				FleetQueries queries = context.getBean(FleetQueries.class);
				// connected before the fault
				assertThat(queries.vehicle("timeout-1")).isEmpty();
				try (FrozenRedis frozen = FrozenRedis.freeze(server.host(), server.port())) {
					long start = System.nanoTime();
					assertThatExceptionOfType(RedisException.class).isThrownBy(() -> queries.vehicle("timeout-1"));
					Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
					assertThat(elapsed).as("time until the read failed")
						.isBetween(timeout.multipliedBy(9).dividedBy(10), timeout.plus(SLACK));
				}
			});
	}

}
