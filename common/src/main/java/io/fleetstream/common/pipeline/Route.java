package io.fleetstream.common.pipeline;

import java.util.ArrayList;
import java.util.List;

import io.fleetstream.common.FleetProperties;

/**
 * A configured route resolved to its handler and loader beans.
 *
 * @param name the route's name in {@code fleet.routes}
 * @param topics the topics it reads
 * @param handler turns records into values
 * @param loaders write the values, in this order
 * @param mode group or broadcast consumption
 * @param startAfter the broadcast route that must be caught up first, or {@code null}
 * @param consumer the route's consumer settings (unset ones are the service's)
 * @param <T> the value type the handler and every loader agree on
 */
public record Route<T>(String name, List<String> topics, RecordHandler<T> handler, List<RecordLoader<T>> loaders,
		FleetProperties.RouteMode mode, String startAfter, FleetProperties.RouteConsumer consumer) {

	public Route {
		topics = List.copyOf(topics);
		loaders = List.copyOf(loaders);
	}

	public boolean isBroadcast() {
		return this.mode == FleetProperties.RouteMode.BROADCAST;
	}

	/** The handler and loaders that implement {@link RouteLifecycle}, handler first. */
	List<RouteLifecycle> lifecycles() {
		List<RouteLifecycle> lifecycles = new ArrayList<>();
		if (this.handler instanceof RouteLifecycle lifecycle) {
			lifecycles.add(lifecycle);
		}
		for (RecordLoader<T> loader : this.loaders) {
			if (loader instanceof RouteLifecycle lifecycle && !lifecycles.contains(lifecycle)) {
				lifecycles.add(lifecycle);
			}
		}
		return lifecycles;
	}

	@Override
	public String toString() {
		return this.name + " " + this.topics + " -> " + this.handler.name() + " -> "
				+ this.loaders.stream().map(RecordLoader::name).toList() + " (" + this.mode.name().toLowerCase()
				+ ((this.startAfter != null) ? ", after " + this.startAfter : "") + ")";
	}

}
