package io.fleetstream.common.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fleetstream.common.FleetProperties;
import io.fleetstream.common.kafka.DeadLetters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class RoutedBatchProcessorTests {

	private final List<String> deadLettered = new ArrayList<>();

	private final List<List<Integer>> loaded = new ArrayList<>();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private boolean loaderFails;

	@Test
	void validRecordsAroundAPoisonRecordAreLoadedInOrderAndThePoisonIsDeadLettered() {
		processor().process(List.of(record("1"), record("x"), record("3")));
		assertThat(this.loaded).containsExactly(List.of(1, 3));
		assertThat(this.deadLettered).containsExactly("x:not-a-number");
		assertThat(this.meters.get("fleet.records.rejected").tags("reason", "not-a-number").counter().count())
			.isEqualTo(1);
		assertThat(this.meters.get("fleet.records.consumed").counter().count()).isEqualTo(3);
		assertThat(this.meters.get("fleet.records.written").counter().count()).isEqualTo(2);
		assertThat(this.meters.get("fleet.records.deadlettered").counter().count()).isEqualTo(1);
	}

	@Test
	void aFailingLoaderFailsTheBatchBeforeAnythingIsDeadLettered() {
		this.loaderFails = true;
		assertThatIllegalStateException().isThrownBy(() -> processor().process(List.of(record("1"), record("x"))))
			.withMessage("redis down");
		assertThat(this.deadLettered).isEmpty();
		assertThat(this.meters.get("fleet.records.written").counter().count()).isZero();
	}

	@Test
	void aHandlerThatThrowsDeadLettersTheRecordInsteadOfBlockingThePartition() {
		processor().process(List.of(record("boom"), record("2")));
		assertThat(this.loaded).containsExactly(List.of(2));
		assertThat(this.deadLettered).containsExactly("boom:handler-error");
	}

	private RoutedBatchProcessor processor() {
		RecordHandler<Integer> handler = new RecordHandler<>() {

			@Override
			public String name() {
				return "numbers";
			}

			@Override
			public Class<Integer> valueType() {
				return Integer.class;
			}

			@Override
			public Handled<Integer> handle(ConsumerRecord<String, byte[]> record) {
				String text = new String(record.value(), StandardCharsets.UTF_8);
				if (text.equals("boom")) {
					throw new IllegalArgumentException("bug");
				}
				return text.chars().allMatch(Character::isDigit) ? Handled.accepted(Integer.valueOf(text), 0)
						: Handled.rejected("not-a-number", text + " is not a number");
			}

		};
		RecordLoader<Integer> loader = new RecordLoader<>() {

			@Override
			public String name() {
				return "memory";
			}

			@Override
			public Class<Integer> valueType() {
				return Integer.class;
			}

			@Override
			public void load(List<Integer> values) {
				if (RoutedBatchProcessorTests.this.loaderFails) {
					throw new IllegalStateException("redis down");
				}
				RoutedBatchProcessorTests.this.loaded.add(List.copyOf(values));
			}

		};
		RouteTable routes = RouteTable.resolve(
				Map.of("numbers", new FleetProperties.Route(List.of("numbers"), "numbers", "memory")), List.of(handler),
				List.of(loader));
		DeadLetters deadLetters = new DeadLetters(null) {

			@Override
			public void send(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, String reason, String detail) {
				RoutedBatchProcessorTests.this.deadLettered
					.add(new String((byte[]) record.value(), StandardCharsets.UTF_8) + ":" + reason);
			}

		};
		return new RoutedBatchProcessor(routes, deadLetters, new PipelineMetrics(this.meters), Clock.systemUTC());
	}

	private static ConsumerRecord<String, byte[]> record(String value) {
		return new ConsumerRecord<>("numbers", 0, 0, "key", value.getBytes(StandardCharsets.UTF_8));
	}

}
