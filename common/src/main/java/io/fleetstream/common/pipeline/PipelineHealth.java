package io.fleetstream.common.pipeline;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * The pipeline's three health components, each answering a different question, so that
 * each probe asks only what it should:
 * <ul>
 * <li>{@code routes} (readiness): is every route consuming? A route that starts after
 * another is DOWN until that one is caught up, so a replica is not sent traffic before
 * its snapshot is loaded. A replica started with
 * {@code spring.kafka.listener.auto-startup=false} is not meant to consume until told to,
 * so its unstarted routes keep it UP, each with that detail.</li>
 * <li>{@code listeners} (liveness): is every started route's consumer thread alive? A
 * container that stopped on a fatal error never recovers by itself; a restart does.</li>
 * <li>{@code consumption} (overall health and metrics only): has any partition been
 * failing longer than {@code fleet.pipeline.stall-threshold}? Neither a restart nor
 * taking the replica out of service fixes a target that is down or a record nothing can
 * write, so it stays out of both probes.</li>
 * </ul>
 */
final class PipelineHealth {

	private PipelineHealth() {
	}

	static final class Routes extends AbstractHealthIndicator {

		private final RouteContainers containers;

		Routes(RouteContainers containers) {
			this.containers = containers;
		}

		@Override
		protected void doHealthCheck(Health.Builder builder) {
			Map<String, ConcurrentMessageListenerContainer<Object, Object>> started = this.containers.started();
			Map<String, Object> details = new LinkedHashMap<>();
			if (!this.containers.isAutoStartup() && !this.containers.isRunning()) {
				this.containers.routes()
					.routes()
					.forEach((route) -> details.put(route.name(),
							"not started: spring.kafka.listener.auto-startup is false"));
				builder.up().withDetails(details);
				return;
			}
			boolean up = true;
			for (Route<?> route : this.containers.routes().routes()) {
				RouteListener<?> listener = this.containers.listener(route.name());
				if (!started.containsKey(route.name())) {
					up = false;
					details.put(route.name(), (route.startAfter() != null)
							? "waiting for route '" + route.startAfter() + "' to catch up" : "not started");
				}
				else if (!listener.isCaughtUp()) {
					details.put(route.name(), "catching up, behind by " + listener.behind());
				}
				else {
					details.put(route.name(), "consuming");
				}
			}
			(up ? builder.up() : builder.down()).withDetails(details);
		}

	}

	static final class Listeners extends AbstractHealthIndicator {

		private final RouteContainers containers;

		Listeners(RouteContainers containers) {
			this.containers = containers;
		}

		@Override
		protected void doHealthCheck(Health.Builder builder) {
			Map<String, Object> details = new LinkedHashMap<>();
			boolean up = true;
			for (var entry : this.containers.started().entrySet()) {
				boolean alive = entry.getValue().isInExpectedState();
				up &= alive;
				details.put(entry.getKey(), alive ? "running" : "consumer stopped abnormally");
			}
			(up ? builder.up() : builder.down()).withDetails(details);
		}

	}

	static final class Consumption extends AbstractHealthIndicator {

		private final PartitionStalls stalls;

		private final Duration threshold;

		Consumption(PartitionStalls stalls, Duration threshold) {
			this.stalls = stalls;
			this.threshold = threshold;
		}

		@Override
		protected void doHealthCheck(Health.Builder builder) {
			Map<String, Duration> stalled = this.stalls.stalledLongerThan(this.threshold);
			if (stalled.isEmpty()) {
				builder.up();
			}
			else {
				Map<String, Object> details = new LinkedHashMap<>();
				stalled.forEach((partition, failing) -> details.put(partition, "failing for " + failing));
				builder.down().withDetails(details);
			}
		}

	}

}
