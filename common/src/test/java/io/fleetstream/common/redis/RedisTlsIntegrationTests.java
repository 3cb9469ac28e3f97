package io.fleetstream.common.redis;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code redis-tls} profile against a real redis-server with TLS: the server's
 * certificate is verified (chain and host name), never trusted blindly, and ACL users
 * authenticate over the encrypted connection.
 */
class RedisTlsIntegrationTests {

	@TempDir
	static Path tempDir;

	private static TestCertificates authority;

	private static TlsRedisServer server;

	private static TlsRedisServer serverForAnotherHost;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withInitializer(new ConfigDataApplicationContextInitializer())
		.withConfiguration(AutoConfigurations.of(FleetRedisAutoConfiguration.class, DataRedisAutoConfiguration.class,
				SslAutoConfiguration.class))
		.withPropertyValues("spring.profiles.active=redis-tls", "spring.data.redis.host=127.0.0.1",
				"spring.data.redis.timeout=5s");

	@BeforeAll
	static void startServers() {
		authority = TestCertificates.createAuthority(tempDir);
		server = TlsRedisServer.start(authority, authority.issue("redis", "ip:127.0.0.1,dns:localhost"));
		serverForAnotherHost = TlsRedisServer.start(authority,
				authority.issue("elsewhere", "dns:cache.elsewhere.internal"));
	}

	@AfterAll
	static void stopServers() {
		server.close();
		serverForAnotherHost.close();
	}

	@Test
	void serverSignedByTheTrustedCaAnswersPingSetAndGet() {
		this.runner.withPropertyValues(trustingTheCa(), port(server)).run((context) -> {
			StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
			assertThat(redis.execute((RedisCallback<String>) (connection) -> connection.ping())).isEqualTo("PONG");
			redis.opsForValue().set("fleet:tls:probe", "encrypted");
			assertThat(redis.opsForValue().get("fleet:tls:probe")).isEqualTo("encrypted");
		});
	}

	@Test
	void serverCertificateFromAnUntrustedCaFailsTheHandshake() {
		this.runner.withPropertyValues(port(server)).run((context) -> {
			StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
			assertThatExceptionOfType(RedisConnectionFailureException.class)
				.isThrownBy(() -> redis.opsForValue().get("fleet:tls:probe"))
				.satisfies((ex) -> assertThat(ex).hasStackTraceContaining(SSLHandshakeException.class.getName()))
				.havingRootCause()
				.withMessageContaining("unable to find valid certification path");
		});
	}

	@Test
	void certificateIssuedForAnotherHostIsRejected() {
		this.runner.withPropertyValues(trustingTheCa(), port(serverForAnotherHost)).run((context) -> {
			StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
			assertThatExceptionOfType(RedisConnectionFailureException.class)
				.isThrownBy(() -> redis.opsForValue().get("fleet:tls:probe"))
				.havingRootCause()
				.withMessageContaining("No subject alternative names matching IP address 127.0.0.1");
		});
	}

	@Test
	void aclUserAuthenticatesWithUserNameAndPassword() {
		this.runner
			.withPropertyValues(trustingTheCa(), port(server), "spring.data.redis.username=" + TlsRedisServer.ACL_USER,
					"spring.data.redis.password=" + TlsRedisServer.ACL_PASSWORD)
			.run((context) -> {
				StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
				byte[] whoami = redis.execute((RedisCallback<byte[]>) (
						connection) -> (byte[]) connection.execute("ACL", "WHOAMI".getBytes()));
				assertThat(new String(whoami, StandardCharsets.UTF_8)).isEqualTo(TlsRedisServer.ACL_USER);
			});
	}

	@Test
	void aclUserWithAWrongPasswordIsRejected() {
		this.runner
			.withPropertyValues(trustingTheCa(), port(server), "spring.data.redis.username=" + TlsRedisServer.ACL_USER,
					"spring.data.redis.password=wrong")
			.run((context) -> {
				StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
				assertThatException().isThrownBy(() -> redis.opsForValue().get("fleet:tls:probe"))
					.satisfies((ex) -> assertThat(ex).hasStackTraceContaining("WRONGPASS"));
			});
	}

	private static String trustingTheCa() {
		return "FLEET_REDIS_CA_CERT=file:" + authority.caCertificate();
	}

	private static String port(TlsRedisServer target) {
		return "spring.data.redis.port=" + target.tlsPort();
	}

}
