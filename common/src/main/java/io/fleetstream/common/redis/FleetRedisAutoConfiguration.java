package io.fleetstream.common.redis;

import java.time.Clock;

import io.fleetstream.common.FleetProperties;
import io.lettuce.core.ClientOptions.ReauthenticateBehavior;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCredentialsProvider;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.RedisCredentialsProviderFactory;
import org.springframework.util.StringUtils;

/**
 * FleetStream's additions to Spring Boot's Lettuce set-up, applied through Boot's own
 * customizers so that everything configured with {@code spring.data.redis.*} (TLS and SSL
 * bundles, timeouts, cluster nodes, pool, cluster topology refresh) stays in effect:
 * ElastiCache IAM authentication when {@code fleet.redis.iam.enabled=true}. The periodic
 * cluster topology refresh is plain Spring Boot configuration, set once in
 * {@code fleet-defaults.yaml}.
 */
@AutoConfiguration(before = DataRedisAutoConfiguration.class)
@ConditionalOnClass({ RedisClient.class, LettuceConnectionFactory.class })
@EnableConfigurationProperties({ FleetProperties.class, DataRedisProperties.class })
public class FleetRedisAutoConfiguration {

	/**
	 * ElastiCache IAM authentication: the credentials provider makes and renews tokens,
	 * Lettuce re-authenticates open connections with each renewed token.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("fleet.redis.iam.enabled")
	static class ElastiCacheIamConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ElastiCacheIamCredentialsProvider elastiCacheIamCredentialsProvider(FleetProperties fleet,
				DataRedisProperties redis) {
			FleetProperties.Iam iam = fleet.redis().iam();
			ElastiCacheIamRequirements.check(iam, redis);
			ElastiCacheIamTokenGenerator generator = new ElastiCacheIamTokenGenerator(iam.userId(), iam.cacheName(),
					iam.serverless(), region(iam), DefaultCredentialsProvider.builder().build(), Clock.systemUTC());
			return new ElastiCacheIamCredentialsProvider(iam.userId(), generator, iam.tokenRefreshInterval(),
					Clock.systemUTC(), Schedulers.newSingle("elasticache-iam-token", true));
		}

		@Bean
		LettuceClientConfigurationBuilderCustomizer elastiCacheIamCredentials(FleetProperties fleet,
				DataRedisProperties redis, ElastiCacheIamCredentialsProvider credentials) {
			ElastiCacheIamRequirements.check(fleet.redis().iam(), redis);
			return (builder) -> builder.redisCredentialsProviderFactory(new IamCredentialsProviderFactory(credentials));
		}

		@Bean
		LettuceClientOptionsBuilderCustomizer elastiCacheIamReauthentication() {
			return (options) -> options.reauthenticateBehavior(ReauthenticateBehavior.ON_NEW_CREDENTIALS);
		}

		private static Region region(FleetProperties.Iam iam) {
			if (StringUtils.hasText(iam.region())) {
				return Region.of(iam.region());
			}
			try {
				return DefaultAwsRegionProviderChain.builder().build().getRegion();
			}
			catch (SdkClientException ex) {
				throw new InvalidConfigurationPropertyValueException("fleet.redis.iam.region", iam.region(),
						"no region set and none found by the AWS default region chain (AWS_REGION, profile, "
								+ "instance metadata): " + ex.getMessage());
			}
		}

	}

	/**
	 * Every Redis node (standalone, replica or cluster node) gets the IAM credentials.
	 */
	private record IamCredentialsProviderFactory(
			RedisCredentialsProvider credentials) implements RedisCredentialsProviderFactory {

		@Override
		public RedisCredentialsProvider createCredentialsProvider(RedisConfiguration configuration) {
			return this.credentials;
		}

	}

}
