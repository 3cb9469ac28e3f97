package io.fleetstream.benchmark;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.fleetstream.common.gps.GpsAutoConfiguration;
import io.fleetstream.common.gps.GpsProperties;
import io.fleetstream.common.pipeline.Handled;
import io.fleetstream.common.redis.AsyncRedis;
import io.fleetstream.enrichment.EnrichmentProperties.FlattenSettings;
import io.fleetstream.enrichment.flatten.JsonFlattener;
import io.fleetstream.enrichment.state.CarState;
import io.fleetstream.enrichment.state.CarStateStore;
import io.fleetstream.enrichment.state.Signal;
import io.fleetstream.enrichment.state.StateChange;
import io.fleetstream.enrichment.state.StateKeys;
import io.fleetstream.enrichment.state.StateMerge;
import io.fleetstream.enrichment.telemetry.TelemetryHandler;
import io.fleetstream.enrichment.telemetry.TelemetryUpdate;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.utils.Utils;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The state writes of a telemetry data set, computed with enrichment-service's own parser
 * ({@link TelemetryHandler}, with common's GPS parser) and merge ({@link StateMerge}):
 * (1) every car's final state, which the service must end up with in Redis, and (2) for
 * the raw phase, the same writes batched per consumer thread in {@code max.poll.records}
 * records and coalesced per car and partition, as the service does, but in production
 * order (both topics interleaved, where a consumer's batch holds a run of one
 * topic-partition, so these batches coalesce a car's GPS fix and status more often),
 * written by the service's own {@link CarStateStore} with no Kafka, no parsing and no
 * merge in the timed part.
 */
final class JoinStateWrites {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final Map<String, CarState> expected = new HashMap<>();

	private final List<List<Map<Integer, Map<String, StateChange>>>> batchesByThread = new ArrayList<>();

	private final int records;

	private long scriptCalls;

	private JoinStateWrites(int records) {
		this.records = records;
	}

	/**
	 * @param generator a fresh generator of the data set the topics were filled with
	 */
	static JoinStateWrites compute(TelemetryMix.Generator generator, int records, int partitions, int threads,
			int batchSize) {
		TelemetryHandler handler = new TelemetryHandler(
				GpsAutoConfiguration.gpsFixParser(new GpsProperties(Duration.ofMinutes(5), Duration.ofDays(7)),
						Clock.systemUTC()),
				new JsonFlattener(new FlattenSettings(16, 1000, 1024, 256)), Set.of(TelemetryMix.GPS_TOPIC));
		JoinStateWrites writes = new JoinStateWrites(records);
		List<Map<Integer, Map<String, StateChange>>> open = new ArrayList<>();
		int[] openCounts = new int[threads];
		for (int t = 0; t < threads; t++) {
			writes.batchesByThread.add(new ArrayList<>());
			open.add(new LinkedHashMap<>());
		}
		long now = System.currentTimeMillis();
		for (int i = 0; i < records; i++) {
			TelemetryMix.TelemetryRecord record = generator.next(-1);
			int partition = partitionOf(record.key(), partitions);
			ConsumerRecord<String, byte[]> consumed = new ConsumerRecord<>(record.topic(), partition, i, now,
					TimestampType.CREATE_TIME, -1, -1, record.carId(), record.value(), new RecordHeaders(),
					Optional.empty());
			Handled<TelemetryUpdate> handled = handler.handle(consumed);
			if (!(handled instanceof Handled.Accepted<TelemetryUpdate> accepted)) {
				throw new IllegalStateException("The data set holds a record the service rejects: " + handled);
			}
			TelemetryUpdate update = accepted.value();
			StateChange change = StateMerge
				.apply(writes.expected.computeIfAbsent(update.carId(), (car) -> new CarState()), update);
			int thread = partition % threads;
			open.get(thread)
				.computeIfAbsent(partition, (p) -> new LinkedHashMap<>())
				.merge(change.carId(), change, StateChange::then);
			if (++openCounts[thread] == batchSize) {
				writes.close(thread, open);
				openCounts[thread] = 0;
			}
		}
		for (int t = 0; t < threads; t++) {
			if (openCounts[t] > 0) {
				writes.close(t, open);
			}
		}
		return writes;
	}

	private void close(int thread, List<Map<Integer, Map<String, StateChange>>> open) {
		Map<Integer, Map<String, StateChange>> batch = open.get(thread);
		batch.values()
			.forEach((changes) -> this.scriptCalls += changes.values().stream().filter((c) -> !c.isEmpty()).count());
		this.batchesByThread.get(thread).add(batch);
		open.set(thread, new LinkedHashMap<>());
	}

	/** Kafka's default partitioner for a keyed record. */
	static int partitionOf(byte[] key, int partitions) {
		return Utils.toPositive(Utils.murmur2(key)) % partitions;
	}

	int cars() {
		return this.expected.size();
	}

	long scriptCalls() {
		return this.scriptCalls;
	}

	/**
	 * Writes every batch, one thread per consumer thread of the service, through one
	 * shared Lettuce connection as the service's {@link AsyncRedis} does.
	 * @return seconds from the first write to the last reply
	 */
	double writeAll(int redisPort) throws Exception {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", redisPort));
		factory.afterPropertiesSet();
		factory.start();
		ExecutorService threads = Executors.newFixedThreadPool(this.batchesByThread.size());
		try {
			CarStateStore store = new CarStateStore(new AsyncRedis(factory), Duration.ofSeconds(30));
			store.write(Map.of()); // connects before the clock starts
			long start = System.nanoTime();
			List<Future<?>> done = new ArrayList<>();
			for (List<Map<Integer, Map<String, StateChange>>> batches : this.batchesByThread) {
				done.add(threads.submit(() -> batches.forEach(store::write)));
			}
			for (Future<?> future : done) {
				future.get(30, TimeUnit.MINUTES);
			}
			return (System.nanoTime() - start) / 1e9;
		}
		finally {
			threads.shutdownNow();
			factory.destroy();
		}
	}

	/**
	 * Reads every car's stored state (pipelined) and compares it with the final state the
	 * merge of all records gives: each signal's value and event time.
	 */
	StateCheck verify(int redisPort) {
		RedisClient client = RedisClient.create("redis://127.0.0.1:" + redisPort);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			RedisAsyncCommands<String, String> async = connection.async();
			Map<String, RedisFuture<Map<String, String>>> values = new LinkedHashMap<>();
			Map<String, RedisFuture<Map<String, String>>> times = new LinkedHashMap<>();
			this.expected.keySet().forEach((car) -> {
				values.put(car, async.hgetall(StateKeys.values(car)));
				times.put(car, async.hgetall(StateKeys.times(car)));
			});
			int wrong = 0;
			String firstWrong = null;
			for (Map.Entry<String, CarState> car : this.expected.entrySet()) {
				Map<String, String> expectedValues = new HashMap<>();
				Map<String, String> expectedTimes = new HashMap<>();
				for (Map.Entry<String, Signal> signal : car.getValue().signals().entrySet()) {
					expectedValues.put(signal.getKey(), MAPPER.writeValueAsString(signal.getValue().value()));
					expectedTimes.put(signal.getKey(), String.valueOf(signal.getValue().timeMs()));
				}
				Map<String, String> storedValues = values.get(car.getKey()).get(60, TimeUnit.SECONDS);
				Map<String, String> storedTimes = times.get(car.getKey()).get(60, TimeUnit.SECONDS);
				if (!expectedValues.equals(storedValues) || !expectedTimes.equals(storedTimes)) {
					wrong++;
					if (firstWrong == null) {
						firstWrong = car.getKey() + ": expected " + expectedValues + " at " + expectedTimes
								+ ", stored " + storedValues + " at " + storedTimes;
					}
				}
			}
			return new StateCheck(this.expected.size(), wrong, firstWrong);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not verify the stored state", ex);
		}
		finally {
			client.shutdown();
		}
	}

	int records() {
		return this.records;
	}

	/**
	 * @param cars cars checked
	 * @param wrong cars whose stored state differs from the expected one
	 * @param firstWrong the first difference, or {@code null}
	 */
	record StateCheck(int cars, int wrong, String firstWrong) {

		boolean passed() {
			return this.cars > 0 && this.wrong == 0;
		}

		String summary() {
			return passed()
					? String.format("verified: every one of the %,d cars' stored state (each signal's value "
							+ "and event time) equals the merge of all its records", this.cars)
					: String.format("NOT VERIFIED: %,d of %,d cars differ; first: %s", this.wrong, this.cars,
							this.firstWrong);
		}

	}

}
