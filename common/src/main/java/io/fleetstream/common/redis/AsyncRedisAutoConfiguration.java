package io.fleetstream.common.redis;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Registers {@link AsyncRedis} on Spring Boot's Lettuce connection factory.
 */
@AutoConfiguration(after = DataRedisAutoConfiguration.class)
@ConditionalOnBean(LettuceConnectionFactory.class)
public class AsyncRedisAutoConfiguration {

	@Bean
	AsyncRedis asyncRedis(LettuceConnectionFactory connectionFactory) {
		return new AsyncRedis(connectionFactory);
	}

}
