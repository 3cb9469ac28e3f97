package io.fleetstream.common.pipeline;

/**
 * A configured route resolved to its handler and loader beans.
 *
 * @param name the route's name in {@code fleet.routes}
 * @param handler turns records into values
 * @param loader writes the values
 * @param <T> the value type both agree on
 */
public record Route<T>(String name, RecordHandler<T> handler, RecordLoader<T> loader) {
}
