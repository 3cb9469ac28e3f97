package io.fleetstream.common.redis;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.fleetstream.testsupport.RedisCommandStats;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.scheduler.VirtualTimeScheduler;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code elasticache-iam} profile against a real redis-server over TLS. The server
 * cannot check SigV4 signatures, so the token source is replaced by numbered tokens that
 * the server's ACL user accepts ({@code token-1}, {@code token-2}) or not
 * ({@code token-3}); what is checked is the wiring: the user id and token are sent on
 * connect, and each renewed token is sent on the open connection.
 */
class ElastiCacheIamReauthenticationTests {

	private static final String USER = "ingest-service";

	@TempDir
	static Path tempDir;

	private static TestCertificates authority;

	private static TlsRedisServer server;

	private final VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();

	private final AtomicInteger issued = new AtomicInteger();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withInitializer(new ConfigDataApplicationContextInitializer())
		.withConfiguration(AutoConfigurations.of(FleetRedisAutoConfiguration.class, DataRedisAutoConfiguration.class,
				SslAutoConfiguration.class))
		.withBean(ElastiCacheIamCredentialsProvider.class,
				() -> new ElastiCacheIamCredentialsProvider(USER, () -> "token-" + this.issued.incrementAndGet(),
						Duration.ofMinutes(10),
						new ElastiCacheIamCredentialsProviderTests.SchedulerClock(this.scheduler), this.scheduler))
		.withPropertyValues("spring.profiles.active=elasticache-iam,redis-tls", "spring.data.redis.host=127.0.0.1",
				"spring.data.redis.timeout=5s", "fleet.redis.iam.user-id=" + USER,
				"fleet.redis.iam.cache-name=fleet-positions", "fleet.redis.iam.region=eu-west-1",
				"spring.data.redis.port=" + server.tlsPort());

	@BeforeAll
	static void startServer() {
		authority = TestCertificates.createAuthority(tempDir);
		server = TlsRedisServer.start(authority, authority.issue("redis", "ip:127.0.0.1"),
				"user " + USER + " on >token-1 >token-2 ~* &* +@all");
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void connectsAsTheIamUserWithAToken() {
		this.runner.withPropertyValues("FLEET_REDIS_CA_CERT=file:" + authority.caCertificate()).run((context) -> {
			assertThat(whoami(context.getBean(StringRedisTemplate.class))).isEqualTo(USER);
		});
	}

	@Test
	void openConnectionIsReauthenticatedWithEachRenewedToken() {
		this.runner.withPropertyValues("FLEET_REDIS_CA_CERT=file:" + authority.caCertificate()).run((context) -> {
			StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
			assertThat(whoami(redis)).isEqualTo(USER);
			int authCallsBefore = authCalls();

			this.scheduler.advanceTimeBy(Duration.ofMinutes(10));
			await().atMost(Duration.ofSeconds(10)).until(() -> authCalls() == authCallsBefore + 1);
			assertThat(rejectedAuthentications()).isEmpty();

			this.scheduler.advanceTimeBy(Duration.ofMinutes(10));
			await().atMost(Duration.ofSeconds(10)).until(() -> !rejectedAuthentications().isEmpty());
			assertThat(whoami(redis)).isEqualTo(USER);
		});
	}

	private static String whoami(StringRedisTemplate redis) {
		byte[] user = redis
			.execute((RedisCallback<byte[]>) (connection) -> (byte[]) connection.execute("ACL", "WHOAMI".getBytes()));
		return new String(user, StandardCharsets.UTF_8);
	}

	private static int authCalls() {
		return RedisCommandStats.calls(admin((redis) -> redis.info("commandstats")))
			.getOrDefault("auth", 0L)
			.intValue();
	}

	private static List<Map<String, Object>> rejectedAuthentications() {
		List<Map<String, Object>> log = admin((redis) -> redis.aclLog());
		return log.stream()
			.filter((entry) -> "auth".equals(entry.get("reason")) && USER.equals(entry.get("username")))
			.toList();
	}

	private static <T> T admin(Function<RedisCommands<String, String>, T> command) {
		RedisClient client = RedisClient.create("redis://127.0.0.1:" + server.plainPort());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return command.apply(connection.sync());
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
		}
	}

}
