package io.fleetstream.common.redis;

import java.time.Duration;

import io.fleetstream.common.FleetProperties;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.util.StringUtils;

/**
 * What ElastiCache IAM authentication needs before the application may start: the service
 * accepts IAM users only over TLS, the token names a user and a cache, and a token is
 * accepted for 15 minutes only. A wrong setting would otherwise show up as authentication
 * errors at run time, far from its cause.
 */
final class ElastiCacheIamRequirements {

	private static final Duration LONGEST_REFRESH_INTERVAL = ElastiCacheIamTokenGenerator.TOKEN_VALIDITY
		.minus(ElastiCacheIamCredentialsProvider.EXPIRY_MARGIN);

	private ElastiCacheIamRequirements() {
	}

	static void check(FleetProperties.Iam iam, DataRedisProperties redis) {
		if (!usesTls(redis)) {
			throw new InvalidConfigurationPropertyValueException("spring.data.redis.ssl.enabled", false,
					"fleet.redis.iam.enabled=true requires TLS: ElastiCache accepts IAM users only over TLS. "
							+ "Set spring.data.redis.ssl.enabled=true (or use the 'elasticache-iam' profile).");
		}
		required("fleet.redis.iam.user-id", iam.userId(), "the ElastiCache user id the token is made for");
		required("fleet.redis.iam.cache-name", iam.cacheName(),
				"the replication group id or serverless cache name the token is made for");
		Duration refresh = iam.tokenRefreshInterval();
		if (refresh.isNegative() || refresh.isZero() || refresh.compareTo(LONGEST_REFRESH_INTERVAL) > 0) {
			throw new InvalidConfigurationPropertyValueException("fleet.redis.iam.token-refresh-interval", refresh,
					"must be positive and at most " + LONGEST_REFRESH_INTERVAL.toMinutes()
							+ " minutes: an IAM token is valid for 15 minutes");
		}
		if (StringUtils.hasText(redis.getUsername()) && !redis.getUsername().equals(iam.userId())) {
			throw new InvalidConfigurationPropertyValueException("spring.data.redis.username", redis.getUsername(),
					"with fleet.redis.iam.enabled=true the user name is fleet.redis.iam.user-id ('" + iam.userId()
							+ "'); leave spring.data.redis.username unset");
		}
		if (StringUtils.hasText(redis.getPassword())) {
			throw new InvalidConfigurationPropertyValueException("spring.data.redis.password", "<hidden>",
					"with fleet.redis.iam.enabled=true the password is an IAM token; leave spring.data.redis.password unset");
		}
	}

	private static boolean usesTls(DataRedisProperties redis) {
		return redis.getSsl().isEnabled() || (redis.getUrl() != null && redis.getUrl().startsWith("rediss://"));
	}

	private static void required(String name, String value, String what) {
		if (!StringUtils.hasText(value)) {
			throw new InvalidConfigurationPropertyValueException(name, value,
					"fleet.redis.iam.enabled=true requires " + what);
		}
	}

}
