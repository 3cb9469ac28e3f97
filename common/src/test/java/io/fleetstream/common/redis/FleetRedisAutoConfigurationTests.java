package io.fleetstream.common.redis;

import java.time.Duration;

import io.fleetstream.common.FleetDefaultsEnvironmentPostProcessor;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.ClientOptions.ReauthenticateBehavior;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions.RefreshTrigger;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Lettuce client configuration Spring Boot builds with FleetStream's customizers, and
 * the start-up failures for unusable ElastiCache IAM settings.
 */
class FleetRedisAutoConfigurationTests {

	private static final String[] IAM = { "fleet.redis.iam.enabled=true", "fleet.redis.iam.user-id=ingest-service",
			"fleet.redis.iam.cache-name=fleet-positions", "fleet.redis.iam.region=eu-west-1",
			"spring.data.redis.ssl.enabled=true" };

	private final ApplicationContextRunner withoutSharedDefaults = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FleetRedisAutoConfiguration.class, DataRedisAutoConfiguration.class,
				SslAutoConfiguration.class));

	/** As in a service: with {@code fleet-defaults.yaml} below everything else. */
	private final ApplicationContextRunner runner = this.withoutSharedDefaults
		.withInitializer((context) -> new FleetDefaultsEnvironmentPostProcessor()
			.postProcessEnvironment(context.getEnvironment(), new SpringApplication()));

	@Test
	void clusterModeGetsThePeriodicRefreshOfTheSharedDefaultsAndAdaptiveRefresh() {
		this.runner.withPropertyValues("spring.data.redis.cluster.nodes=127.0.0.1:7000").run((context) -> {
			ClusterTopologyRefreshOptions refresh = clusterOptions(context).getTopologyRefreshOptions();
			assertThat(refresh.isPeriodicRefreshEnabled()).isTrue();
			assertThat(refresh.getRefreshPeriod()).isEqualTo(Duration.ofSeconds(30));
			assertThat(refresh.getAdaptiveRefreshTriggers()).containsExactlyInAnyOrder(RefreshTrigger.values());
			assertThat(refresh.useDynamicRefreshSources()).isTrue();
		});
	}

	@Test
	void thePeriodicRefreshComesFromTheSharedDefaultsAlone() {
		this.withoutSharedDefaults.withPropertyValues("spring.data.redis.cluster.nodes=127.0.0.1:7000")
			.run((context) -> assertThat(clusterOptions(context).getTopologyRefreshOptions().isPeriodicRefreshEnabled())
				.isFalse());
	}

	@Test
	void clusterRefreshSettingsOfTheUserAreKept() {
		this.runner
			.withPropertyValues("spring.data.redis.cluster.nodes=127.0.0.1:7000",
					"spring.data.redis.lettuce.cluster.refresh.period=15s",
					"spring.data.redis.lettuce.cluster.refresh.dynamic-refresh-sources=false")
			.run((context) -> {
				ClusterTopologyRefreshOptions refresh = clusterOptions(context).getTopologyRefreshOptions();
				assertThat(refresh.getRefreshPeriod()).isEqualTo(Duration.ofSeconds(15));
				assertThat(refresh.useDynamicRefreshSources()).isFalse();
			});
	}

	@Test
	void withoutIamThereIsNoCredentialsProviderAndNoReauthentication() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(ElastiCacheIamCredentialsProvider.class);
			assertThat(clientConfiguration(context).getRedisCredentialsProviderFactory()).isEmpty();
			assertThat(clientOptions(context).getReauthenticateBehaviour()).isEqualTo(ReauthenticateBehavior.DEFAULT);
		});
	}

	@Test
	void iamSuppliesTheCredentialsAndReauthenticatesOnNewOnesKeepingBootsSettings() {
		this.runner.withPropertyValues(IAM)
			.withPropertyValues("spring.data.redis.timeout=3s", "spring.data.redis.connect-timeout=2s")
			.run((context) -> {
				LettuceClientConfiguration configuration = clientConfiguration(context);
				assertThat(configuration.getRedisCredentialsProviderFactory()).hasValueSatisfying(
						(factory) -> assertThat(factory.createCredentialsProvider(new RedisStandaloneConfiguration()))
							.isSameAs(context.getBean(ElastiCacheIamCredentialsProvider.class)));
				assertThat(clientOptions(context).getReauthenticateBehaviour())
					.isEqualTo(ReauthenticateBehavior.ON_NEW_CREDENTIALS);
				assertThat(configuration.isUseSsl()).isTrue();
				assertThat(configuration.isVerifyPeer()).isTrue();
				assertThat(configuration.getCommandTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(clientOptions(context).getSocketOptions().getConnectTimeout())
					.isEqualTo(Duration.ofSeconds(2));
			});
	}

	@Test
	void iamInClusterModeKeepsTheTopologyRefresh() {
		this.runner.withPropertyValues(IAM)
			.withPropertyValues("spring.data.redis.cluster.nodes=127.0.0.1:7000")
			.run((context) -> {
				ClusterClientOptions options = clusterOptions(context);
				assertThat(options.getReauthenticateBehaviour()).isEqualTo(ReauthenticateBehavior.ON_NEW_CREDENTIALS);
				assertThat(options.getTopologyRefreshOptions().isPeriodicRefreshEnabled()).isTrue();
			});
	}

	@Test
	void iamWithoutTlsFailsAtStartUp() {
		this.runner.withPropertyValues(IAM)
			.withPropertyValues("spring.data.redis.ssl.enabled=false")
			.run((context) -> assertStartUpFailure(context, "spring.data.redis.ssl.enabled",
					"ElastiCache accepts IAM users only over TLS"));
	}

	@Test
	void iamWithARedissUrlCountsAsTls() {
		this.runner.withPropertyValues(IAM)
			.withPropertyValues("spring.data.redis.ssl.enabled=false",
					"spring.data.redis.url=rediss://master.fleet-positions.abc123.euw1.cache.amazonaws.com:6379")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void iamWithoutUserIdFailsAtStartUp() {
		this.runner.withPropertyValues(IAM)
			.withPropertyValues("fleet.redis.iam.user-id=")
			.run((context) -> assertStartUpFailure(context, "fleet.redis.iam.user-id", "ElastiCache user id"));
	}

	@Test
	void iamWithoutCacheNameFailsAtStartUp() {
		this.runner.withPropertyValues(IAM)
			.withPropertyValues("fleet.redis.iam.cache-name=")
			.run((context) -> assertStartUpFailure(context, "fleet.redis.iam.cache-name", "replication group id"));
	}

	@Test
	void iamWithATokenRefreshIntervalBeyondTheTokenValidityFailsAtStartUp() {
		this.runner.withPropertyValues(IAM)
			.withPropertyValues("fleet.redis.iam.token-refresh-interval=15m")
			.run((context) -> assertStartUpFailure(context, "fleet.redis.iam.token-refresh-interval",
					"valid for 15 minutes"));
	}

	@Test
	void iamWithAnotherRedisUserNameFailsAtStartUp() {
		this.runner.withPropertyValues(IAM)
			.withPropertyValues("spring.data.redis.username=someone-else")
			.run((context) -> assertStartUpFailure(context, "spring.data.redis.username", "leave"));
	}

	@Test
	void iamWithAStaticPasswordFailsAtStartUp() {
		this.runner.withPropertyValues(IAM)
			.withPropertyValues("spring.data.redis.password=secret")
			.run((context) -> assertStartUpFailure(context, "spring.data.redis.password", "IAM token"));
	}

	private static void assertStartUpFailure(AssertableApplicationContext context, String property, String reason) {
		assertThat(context).hasFailed();
		assertThat(context.getStartupFailure()).rootCause()
			.isInstanceOf(InvalidConfigurationPropertyValueException.class)
			.hasMessageContaining(property)
			.hasMessageContaining(reason);
	}

	private static LettuceClientConfiguration clientConfiguration(AssertableApplicationContext context) {
		return context.getBean(LettuceConnectionFactory.class).getClientConfiguration();
	}

	private static ClientOptions clientOptions(AssertableApplicationContext context) {
		return clientConfiguration(context).getClientOptions().orElseThrow();
	}

	private static ClusterClientOptions clusterOptions(AssertableApplicationContext context) {
		assertThat(clientOptions(context)).isInstanceOf(ClusterClientOptions.class);
		return (ClusterClientOptions) clientOptions(context);
	}

}
