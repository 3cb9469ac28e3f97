package io.fleetstream.common.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.fleetstream.common.FleetProperties;
import io.fleetstream.common.kafka.DeadLetters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class RouteBatchProcessorTests {

	private final List<String> deadLettered = new ArrayList<>();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final MemoryLoader first = new MemoryLoader("first");

	private final MemoryLoader second = new MemoryLoader("second");

	@Test
	void validRecordsAroundAPoisonRecordAreLoadedInOrderAndThePoisonIsDeadLettered() {
		processor(this.first).process(records("1", "x", "3"), null);
		assertThat(this.first.values()).containsExactly(List.of(1, 3));
		assertThat(this.deadLettered).containsExactly("x:not-a-number");
		assertThat(count("fleet.records.rejected")).isEqualTo(1);
		assertThat(count("fleet.records.consumed")).isEqualTo(3);
		assertThat(count("fleet.records.written")).isEqualTo(2);
		assertThat(count("fleet.records.deadlettered")).isEqualTo(1);
	}

	@Test
	void aFailingLoaderFailsTheBatchBeforeAnythingIsDeadLettered() {
		this.first.transientFailures = 1;
		assertThatIllegalStateException().isThrownBy(() -> processor(this.first).process(records("1", "x"), null))
			.withMessage("first is down");
		assertThat(this.deadLettered).isEmpty();
		assertThat(this.first.batches).isEmpty();
	}

	@Test
	void aHandlerThatThrowsDeadLettersTheRecordInsteadOfBlockingThePartition() {
		processor(this.first).process(records("boom", "2"), null);
		assertThat(this.first.values()).containsExactly(List.of(2));
		assertThat(this.deadLettered).containsExactly("boom:handler-error");
	}

	@Test
	void loadersReceiveEachValueWithItsRecordsCoordinates() {
		processor(this.first).process(records("7", "8"), null);
		assertThat(this.first.batches.get(0)).extracting(LoadRecord::source)
			.containsExactly(new RecordCoordinates("numbers", 0, 100, "car-0", 1_000),
					new RecordCoordinates("numbers", 0, 101, "car-1", 1_001));
	}

	@Test
	void aPermanentLoaderFailureDeadLettersThatRecordAndItsNeighboursAreWritten() {
		this.first.permanentlyFailing = (value) -> value == 13;
		processor(this.first, this.second).process(records("12", "13", "14"), null);
		assertThat(this.first.values()).containsExactly(List.of(12, 13, 14));
		assertThat(this.second.values()).as("a record one loader can never write is not given to the next")
			.containsExactly(List.of(12, 14));
		assertThat(this.deadLettered).containsExactly("13:unlucky");
		assertThat(this.meters.get("fleet.records.written").tag("loader", "first").counter().count()).isEqualTo(2);
		assertThat(this.meters.get("fleet.records.rejected").tag("reason", "unlucky").counter().count()).isEqualTo(1);
	}

	/**
	 * The foundation's defect: a retry after a later step failed dead-lettered the
	 * earlier rejections again and counted the batch again. Injected: the second loader
	 * fails twice. Must hold: 1 dead letter per rejection, the batch counted once, the
	 * first loader called once, the second three times.
	 */
	@Test
	void retriesAfterALaterLoaderFailsDeadLetterEachRejectionOnceAndCountTheBatchOnce() {
		this.first.permanentlyFailing = (value) -> value == 13;
		this.second.transientFailures = 2;
		RouteBatchProcessor<Integer> processor = processor(this.first, this.second);
		List<ConsumerRecord<String, byte[]>> batch = records("12", "x", "13", "14");
		for (int attempt = 1; attempt <= 2; attempt++) {
			assertThatIllegalStateException().isThrownBy(() -> processor.process(batch, null));
		}
		processor.process(batch, null);
		assertThat(this.first.calls).isEqualTo(1);
		assertThat(this.second.calls).isEqualTo(3);
		assertThat(this.second.values()).containsExactly(List.of(12, 14));
		assertThat(this.deadLettered).containsExactlyInAnyOrder("x:not-a-number", "13:unlucky");
		assertThat(count("fleet.records.consumed")).isEqualTo(4);
		assertThat(this.meters.get("fleet.batch.size").summary().count()).isEqualTo(1);
		assertThat(count("fleet.records.rejected")).isEqualTo(2);
	}

	@Test
	void aNewBatchAfterARetriedOneStartsAfresh() {
		this.first.transientFailures = 1;
		RouteBatchProcessor<Integer> processor = processor(this.first);
		assertThatIllegalStateException().isThrownBy(() -> processor.process(records("1"), null));
		processor.process(records("1"), null);
		processor.process(List.of(record("2", 500)), null);
		assertThat(this.first.values()).containsExactly(List.of(1), List.of(2));
		assertThat(count("fleet.records.consumed")).isEqualTo(2);
	}

	private double count(String meter) {
		return this.meters.get(meter).counters().stream().mapToDouble((counter) -> counter.count()).sum();
	}

	private RouteBatchProcessor<Integer> processor(MemoryLoader... loaders) {
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
		List<String> names = List.of(loaders).stream().map(MemoryLoader::name).toList();
		RouteTable routes = RouteTable.resolve(
				Map.of("numbers", new FleetProperties.Route(List.of("numbers"), "numbers", names)), List.of(handler),
				List.of(loaders));
		DeadLetters deadLetters = new DeadLetters(null) {

			@Override
			public void send(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, String reason, String detail) {
				RouteBatchProcessorTests.this.deadLettered
					.add(new String((byte[]) record.value(), StandardCharsets.UTF_8) + ":" + reason);
			}

		};
		@SuppressWarnings("unchecked")
		Route<Integer> route = (Route<Integer>) routes.route("numbers");
		return new RouteBatchProcessor<>(route, deadLetters, new PipelineMetrics(this.meters), Clock.systemUTC());
	}

	private static List<ConsumerRecord<String, byte[]>> records(String... values) {
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		for (int i = 0; i < values.length; i++) {
			records.add(record(values[i], 100 + i));
		}
		return records;
	}

	private static ConsumerRecord<String, byte[]> record(String value, long offset) {
		int index = (int) (offset - 100);
		return new ConsumerRecord<>("numbers", 0, offset, 1_000 + index,
				org.apache.kafka.common.record.TimestampType.CREATE_TIME, 0, 0, "car-" + index,
				value.getBytes(StandardCharsets.UTF_8), new org.apache.kafka.common.header.internals.RecordHeaders(),
				java.util.Optional.empty());
	}

	/**
	 * Keeps what it is given; can fail transiently a number of times, or permanently per
	 * value.
	 */
	static final class MemoryLoader implements RecordLoader<Integer> {

		private final String name;

		final List<List<LoadRecord<Integer>>> batches = new ArrayList<>();

		int transientFailures;

		Function<Integer, Boolean> permanentlyFailing = (value) -> false;

		int calls;

		MemoryLoader(String name) {
			this.name = name;
		}

		@Override
		public String name() {
			return this.name;
		}

		@Override
		public Class<Integer> valueType() {
			return Integer.class;
		}

		@Override
		public LoadResult load(List<LoadRecord<Integer>> records) {
			this.calls++;
			if (this.transientFailures > 0) {
				this.transientFailures--;
				throw new IllegalStateException(this.name + " is down");
			}
			this.batches.add(List.copyOf(records));
			return LoadResult.failing(records.stream()
				.filter((record) -> this.permanentlyFailing.apply(record.value()))
				.map((record) -> new LoadResult.Failure(record.source(), "unlucky", record.value() + " is unlucky"))
				.toList());
		}

		List<List<Integer>> values() {
			return this.batches.stream().map((batch) -> batch.stream().map(LoadRecord::value).toList()).toList();
		}

	}

}
