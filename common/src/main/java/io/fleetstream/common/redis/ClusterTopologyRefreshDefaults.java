package io.fleetstream.common.redis;

import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;

import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;

/**
 * Turns on Lettuce's periodic cluster topology refresh in cluster mode when
 * {@code spring.data.redis.lettuce.cluster.refresh.period} is not set. ElastiCache moves
 * slots and replaces nodes (scaling, failover, maintenance); adaptive refresh (on
 * {@code MOVED}, {@code ASK} and reconnects, on by default in Lettuce 7) reacts to what a
 * client runs into, and the periodic refresh also catches changes no command has hit yet.
 * Everything else Spring Boot configured is kept as it is.
 */
final class ClusterTopologyRefreshDefaults implements LettuceClientOptionsBuilderCustomizer {

	static final Duration DEFAULT_PERIOD = Duration.ofSeconds(30);

	private final DataRedisProperties.Lettuce.Cluster.Refresh refresh;

	ClusterTopologyRefreshDefaults(DataRedisProperties properties) {
		this.refresh = properties.getLettuce().getCluster().getRefresh();
	}

	@Override
	public void customize(ClientOptions.Builder builder) {
		if (builder instanceof ClusterClientOptions.Builder cluster && this.refresh.getPeriod() == null) {
			cluster.topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
				.dynamicRefreshSources(this.refresh.isDynamicRefreshSources())
				.enablePeriodicRefresh(DEFAULT_PERIOD)
				.build());
		}
	}

}
