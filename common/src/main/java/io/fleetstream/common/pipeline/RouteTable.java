package io.fleetstream.common.pipeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

import io.fleetstream.common.FleetProperties;

/**
 * The service's routes, resolved from {@code fleet.routes} at start-up. Every
 * misconfiguration (unknown handler or loader name, mismatched value types, a topic in
 * two routes, a {@code start-after} that names no broadcast route) fails start-up with a
 * message that names it, instead of surfacing later as records nobody consumes.
 */
public final class RouteTable {

	private final Map<String, Route<?>> routesByName;

	private RouteTable(Map<String, Route<?>> routesByName) {
		this.routesByName = routesByName;
	}

	public static RouteTable resolve(Map<String, FleetProperties.Route> configured,
			Collection<? extends RecordHandler<?>> handlers, Collection<? extends RecordLoader<?>> loaders) {
		Map<String, RecordHandler<?>> handlersByName = byName(handlers, RecordHandler::name, "handler");
		Map<String, RecordLoader<?>> loadersByName = byName(loaders, RecordLoader::name, "loader");
		Map<String, Route<?>> routes = new LinkedHashMap<>();
		Map<String, String> routeByTopic = new LinkedHashMap<>();
		configured.forEach((routeName, config) -> {
			RecordHandler<?> handler = require(handlersByName, config.handler(), routeName, "handler", "handler");
			List<RecordLoader<?>> routeLoaders = new ArrayList<>();
			for (String loaderName : config.loaders()) {
				routeLoaders.add(require(loadersByName, loaderName, routeName, "loader", "loaders"));
			}
			for (String topic : config.topics()) {
				String previous = routeByTopic.putIfAbsent(topic, routeName);
				if (previous != null) {
					throw new IllegalStateException("Topic '" + topic + "' is in two routes, '" + previous + "' and '"
							+ routeName + "' (fleet.routes)");
				}
			}
			routes.put(routeName, route(routeName, config, handler, routeLoaders));
		});
		checkStartAfter(routes);
		return new RouteTable(routes);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Route<?> route(String name, FleetProperties.Route config, RecordHandler<?> handler,
			List<RecordLoader<?>> loaders) {
		for (RecordLoader<?> loader : loaders) {
			if (!loader.valueType().isAssignableFrom(handler.valueType())) {
				throw new IllegalStateException("Route '" + name + "': handler '" + handler.name() + "' produces "
						+ handler.valueType().getSimpleName() + " but loader '" + loader.name() + "' writes "
						+ loader.valueType().getSimpleName() + " (fleet.routes." + name + ")");
			}
		}
		if (config.mode() == FleetProperties.RouteMode.BROADCAST && config.consumer().groupId() != null) {
			throw new IllegalStateException("Route '" + name + "' is a broadcast route, which has no consumer group: "
					+ "remove fleet.routes." + name + ".consumer.group-id");
		}
		return new Route(name, config.topics(), handler, loaders, config.mode(), config.startAfter(),
				config.consumer());
	}

	private static void checkStartAfter(Map<String, Route<?>> routes) {
		routes.values().forEach((route) -> {
			if (route.startAfter() == null) {
				return;
			}
			Route<?> first = routes.get(route.startAfter());
			String property = "fleet.routes." + route.name() + ".start-after";
			if (first == null || first == route) {
				throw new IllegalStateException("Route '" + route.name() + "' starts after unknown route '"
						+ route.startAfter() + "' (" + property + "); known routes: " + new TreeSet<>(routes.keySet()));
			}
			if (!first.isBroadcast()) {
				throw new IllegalStateException("Route '" + route.name() + "' starts after route '" + first.name()
						+ "', which is not a broadcast route (" + property + "): only a broadcast route reads all of "
						+ "its topics and so knows when it is caught up");
			}
			if (first.startAfter() != null) {
				throw new IllegalStateException("Route '" + route.name() + "' starts after route '" + first.name()
						+ "', which itself starts after '" + first.startAfter() + "' (" + property
						+ "): chains of start-after are not supported");
			}
		});
	}

	private static <T> Map<String, T> byName(Collection<? extends T> components, Function<T, String> name,
			String kind) {
		Map<String, T> byName = new LinkedHashMap<>();
		for (T component : components) {
			T previous = byName.putIfAbsent(name.apply(component), component);
			if (previous != null) {
				throw new IllegalStateException("Two " + kind + "s are named '" + name.apply(component) + "': "
						+ previous.getClass().getName() + " and " + component.getClass().getName());
			}
		}
		return byName;
	}

	private static <T> T require(Map<String, T> byName, String name, String routeName, String kind, String property) {
		T component = byName.get(name);
		if (component == null) {
			throw new IllegalStateException(
					"Route '" + routeName + "' names unknown " + kind + " '" + name + "' (fleet.routes." + routeName
							+ "." + property + "); known " + kind + "s: " + new TreeSet<>(byName.keySet()));
		}
		return component;
	}

	public Collection<Route<?>> routes() {
		return this.routesByName.values();
	}

	public Route<?> route(String name) {
		return this.routesByName.get(name);
	}

	/** Every topic of every route. */
	public List<String> topics() {
		return this.routesByName.values().stream().flatMap((route) -> route.topics().stream()).toList();
	}

	public boolean isEmpty() {
		return this.routesByName.isEmpty();
	}

	@Override
	public String toString() {
		return this.routesByName.values().toString();
	}

}
