package io.fleetstream.common.pipeline;

import java.util.List;
import java.util.Map;

import io.fleetstream.common.FleetProperties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class RouteTableTests {

	private final TestHandler<String> gps = new TestHandler<>("gps", String.class);

	private final TestLoader<String> redis = new TestLoader<>("redis", String.class);

	@Test
	void topicsAreRoutedToTheNamedHandlerAndLoader() {
		RouteTable table = RouteTable.resolve(
				Map.of("positions", new FleetProperties.Route(List.of("a.gps", "b.gps"), "gps", List.of("redis"))),
				List.of(this.gps), List.of(this.redis));
		assertThat(table.topics()).containsExactlyInAnyOrder("a.gps", "b.gps");
		assertThat(table.route("positions").handler()).isSameAs(this.gps);
		assertThat(List.<Object>copyOf(table.route("positions").loaders())).containsExactly(this.redis);
		assertThat(table.route("positions").isBroadcast()).isFalse();
	}

	@Test
	void unknownHandlerFailsNamingItAndTheKnownOnes() {
		assertThatIllegalStateException()
			.isThrownBy(() -> RouteTable.resolve(
					Map.of("positions", new FleetProperties.Route(List.of("t"), "gsp", List.of("redis"))),
					List.of(this.gps), List.of(this.redis)))
			.withMessage("Route 'positions' names unknown handler 'gsp' (fleet.routes.positions.handler); "
					+ "known handlers: [gps]");
	}

	@Test
	void unknownLoaderFailsNamingIt() {
		assertThatIllegalStateException().isThrownBy(() -> RouteTable.resolve(
				Map.of("positions", new FleetProperties.Route(List.of("t"), "gps", List.of("dynamo"))),
				List.of(this.gps), List.of(this.redis)))
			.withMessageContaining("unknown loader 'dynamo'");
	}

	@Test
	void handlerAndLoaderOfDifferentTypesFail() {
		TestLoader<Integer> numbers = new TestLoader<>("numbers", Integer.class);
		assertThatIllegalStateException().isThrownBy(() -> RouteTable.resolve(
				Map.of("r", new FleetProperties.Route(List.of("t"), "gps", List.of("numbers"))), List.of(this.gps),
				List.of(numbers)))
			.withMessageContaining("produces String but loader 'numbers' writes Integer");
	}

	@Test
	void topicInTwoRoutesFails() {
		assertThatIllegalStateException().isThrownBy(() -> RouteTable.resolve(
				Map.of("one", new FleetProperties.Route(List.of("t"), "gps", List.of("redis")), "two",
						new FleetProperties.Route(List.of("t"), "gps", List.of("redis"))),
				List.of(this.gps), List.of(this.redis)))
			.withMessageContaining("Topic 't' is in two routes");
	}

	@Test
	void everyLoaderOfARouteMustWriteTheHandlersType() {
		TestLoader<Integer> numbers = new TestLoader<>("numbers", Integer.class);
		assertThatIllegalStateException()
			.isThrownBy(() -> RouteTable.resolve(
					Map.of("r", new FleetProperties.Route(List.of("t"), "gps", List.of("redis", "numbers"))),
					List.of(this.gps), List.of(this.redis, numbers)))
			.withMessage("Route 'r': handler 'gps' produces String but loader 'numbers' writes Integer "
					+ "(fleet.routes.r)");
	}

	@Test
	void startAfterMustNameABroadcastRoute() {
		FleetProperties.Route snapshot = route(List.of("cdc"), FleetProperties.RouteMode.GROUP, null);
		FleetProperties.Route join = route(List.of("status"), FleetProperties.RouteMode.GROUP, "snapshot");
		assertThatIllegalStateException()
			.isThrownBy(() -> RouteTable.resolve(Map.of("snapshot", snapshot, "join", join), List.of(this.gps),
					List.of(this.redis)))
			.withMessageContaining("Route 'join' starts after route 'snapshot', which is not a broadcast route "
					+ "(fleet.routes.join.start-after)");
	}

	@Test
	void startAfterAnUnknownRouteFailsNamingTheKnownOnes() {
		FleetProperties.Route join = route(List.of("status"), FleetProperties.RouteMode.GROUP, "snapshto");
		assertThatIllegalStateException()
			.isThrownBy(() -> RouteTable.resolve(Map.of("join", join), List.of(this.gps), List.of(this.redis)))
			.withMessage("Route 'join' starts after unknown route 'snapshto' (fleet.routes.join.start-after); "
					+ "known routes: [join]");
	}

	@Test
	void aBroadcastRouteHasNoConsumerGroup() {
		FleetProperties.Route snapshot = new FleetProperties.Route(List.of("cdc"), "gps", List.of("redis"),
				FleetProperties.RouteMode.BROADCAST, null, new FleetProperties.RouteConsumer("g", null, null, null));
		assertThatIllegalStateException()
			.isThrownBy(() -> RouteTable.resolve(Map.of("snapshot", snapshot), List.of(this.gps), List.of(this.redis)))
			.withMessageContaining("remove fleet.routes.snapshot.consumer.group-id");
	}

	@Test
	void aBroadcastRouteAndARouteThatWaitsForItResolve() {
		FleetProperties.Route snapshot = route(List.of("cdc"), FleetProperties.RouteMode.BROADCAST, null);
		FleetProperties.Route join = route(List.of("status"), FleetProperties.RouteMode.GROUP, "snapshot");
		RouteTable table = RouteTable.resolve(Map.of("snapshot", snapshot, "join", join), List.of(this.gps),
				List.of(this.redis));
		assertThat(table.route("snapshot").isBroadcast()).isTrue();
		assertThat(table.route("join").startAfter()).isEqualTo("snapshot");
	}

	private static FleetProperties.Route route(List<String> topics, FleetProperties.RouteMode mode, String startAfter) {
		return new FleetProperties.Route(topics, "gps", List.of("redis"), mode, startAfter,
				FleetProperties.RouteConsumer.DEFAULTS);
	}

	record TestHandler<T>(String name, Class<T> valueType) implements RecordHandler<T> {

		@Override
		public Handled<T> handle(ConsumerRecord<String, byte[]> record) {
			throw new UnsupportedOperationException();
		}

	}

	record TestLoader<T>(String name, Class<T> valueType) implements RecordLoader<T> {

		@Override
		public LoadResult load(List<LoadRecord<T>> records) {
			throw new UnsupportedOperationException();
		}

	}

}
