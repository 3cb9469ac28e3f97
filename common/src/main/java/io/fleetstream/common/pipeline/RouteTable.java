package io.fleetstream.common.pipeline;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.fleetstream.common.FleetProperties;

/**
 * Which route serves which topic, resolved from {@code fleet.routes} at start-up. Every
 * misconfiguration (unknown handler or loader name, mismatched value types, a topic in
 * two routes) fails start-up with a message that names it, instead of surfacing later as
 * records nobody consumes.
 */
public final class RouteTable {

	private final Map<String, Route<?>> routesByTopic;

	private RouteTable(Map<String, Route<?>> routesByTopic) {
		this.routesByTopic = routesByTopic;
	}

	public static RouteTable resolve(Map<String, FleetProperties.Route> configured,
			Collection<? extends RecordHandler<?>> handlers, Collection<? extends RecordLoader<?>> loaders) {
		Map<String, RecordHandler<?>> handlersByName = byName(handlers, RecordHandler::name, "handler");
		Map<String, RecordLoader<?>> loadersByName = byName(loaders, RecordLoader::name, "loader");
		Map<String, Route<?>> routesByTopic = new LinkedHashMap<>();
		configured.forEach((routeName, config) -> {
			RecordHandler<?> handler = require(handlersByName, config.handler(), routeName, "handler");
			RecordLoader<?> loader = require(loadersByName, config.loader(), routeName, "loader");
			Route<?> route = route(routeName, handler, loader);
			for (String topic : config.topics()) {
				Route<?> previous = routesByTopic.putIfAbsent(topic, route);
				if (previous != null) {
					throw new IllegalStateException("Topic '" + topic + "' is in two routes, '" + previous.name()
							+ "' and '" + routeName + "' (fleet.routes)");
				}
			}
		});
		return new RouteTable(routesByTopic);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Route<?> route(String name, RecordHandler<?> handler, RecordLoader<?> loader) {
		if (!loader.valueType().isAssignableFrom(handler.valueType())) {
			throw new IllegalStateException("Route '" + name + "': handler '" + handler.name() + "' produces "
					+ handler.valueType().getSimpleName() + " but loader '" + loader.name() + "' writes "
					+ loader.valueType().getSimpleName() + " (fleet.routes." + name + ")");
		}
		return new Route(name, handler, loader);
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

	private static <T> T require(Map<String, T> byName, String name, String routeName, String kind) {
		T component = byName.get(name);
		if (component == null) {
			throw new IllegalStateException(
					"Route '" + routeName + "' names unknown " + kind + " '" + name + "' (fleet.routes." + routeName
							+ "." + kind + "); known " + kind + "s: " + new TreeSet<>(byName.keySet()));
		}
		return component;
	}

	/** The route of a topic, or {@code null} if no route serves it. */
	public Route<?> forTopic(String topic) {
		return this.routesByTopic.get(topic);
	}

	public List<String> topics() {
		return List.copyOf(this.routesByTopic.keySet());
	}

	public boolean isEmpty() {
		return this.routesByTopic.isEmpty();
	}

	@Override
	public String toString() {
		return this.routesByTopic.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + " -> " + entry.getValue().handler().name() + " -> "
					+ entry.getValue().loader().name())
			.collect(Collectors.joining(", ", "[", "]"));
	}

}
