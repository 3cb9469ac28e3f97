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
				Map.of("positions", new FleetProperties.Route(List.of("a.gps", "b.gps"), "gps", "redis")),
				List.of(this.gps), List.of(this.redis));
		assertThat(table.topics()).containsExactlyInAnyOrder("a.gps", "b.gps");
		assertThat(table.forTopic("b.gps").handler()).isSameAs(this.gps);
		assertThat(table.forTopic("b.gps").loader()).isSameAs(this.redis);
		assertThat(table.forTopic("other")).isNull();
	}

	@Test
	void unknownHandlerFailsNamingItAndTheKnownOnes() {
		assertThatIllegalStateException()
			.isThrownBy(() -> RouteTable.resolve(
					Map.of("positions", new FleetProperties.Route(List.of("t"), "gsp", "redis")), List.of(this.gps),
					List.of(this.redis)))
			.withMessage("Route 'positions' names unknown handler 'gsp' (fleet.routes.positions.handler); "
					+ "known handlers: [gps]");
	}

	@Test
	void unknownLoaderFailsNamingIt() {
		assertThatIllegalStateException().isThrownBy(
				() -> RouteTable.resolve(Map.of("positions", new FleetProperties.Route(List.of("t"), "gps", "dynamo")),
						List.of(this.gps), List.of(this.redis)))
			.withMessageContaining("unknown loader 'dynamo'");
	}

	@Test
	void handlerAndLoaderOfDifferentTypesFail() {
		TestLoader<Integer> numbers = new TestLoader<>("numbers", Integer.class);
		assertThatIllegalStateException()
			.isThrownBy(() -> RouteTable.resolve(Map.of("r", new FleetProperties.Route(List.of("t"), "gps", "numbers")),
					List.of(this.gps), List.of(numbers)))
			.withMessageContaining("produces String but loader 'numbers' writes Integer");
	}

	@Test
	void topicInTwoRoutesFails() {
		assertThatIllegalStateException().isThrownBy(() -> RouteTable.resolve(
				Map.of("one", new FleetProperties.Route(List.of("t"), "gps", "redis"), "two",
						new FleetProperties.Route(List.of("t"), "gps", "redis")),
				List.of(this.gps), List.of(this.redis)))
			.withMessageContaining("Topic 't' is in two routes");
	}

	record TestHandler<T>(String name, Class<T> valueType) implements RecordHandler<T> {

		@Override
		public Handled<T> handle(ConsumerRecord<String, byte[]> record) {
			throw new UnsupportedOperationException();
		}

	}

	record TestLoader<T>(String name, Class<T> valueType) implements RecordLoader<T> {

		@Override
		public void load(List<T> values) {
			throw new UnsupportedOperationException();
		}

	}

}
