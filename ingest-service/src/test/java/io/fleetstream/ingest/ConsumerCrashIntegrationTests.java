package io.fleetstream.ingest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fleetstream.devinfra.RedisProcess;
import io.fleetstream.ingest.position.PositionKeys;
import io.fleetstream.ingest.position.PositionStoreReader;
import io.fleetstream.testsupport.SharedKafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault: ingest-service runs as its own JVM (batches of at most 100 records) and is
 * killed with SIGKILL mid-stream, so what it has not committed is never committed by it;
 * a second instance then takes over and replays it. 200 cars, 60 rounds of one fix per
 * car (12,000 fixes): round 0 first, then rounds 1-59 one per 200 ms once the first
 * instance has stored round 0. The first instance is killed right after round 20 has been
 * produced (4,200 fixes sent, 7,800 to come), and the second is started at once.
 *
 * <p>
 * Must hold: when the first instance dies, some records are uncommitted (lag > 0), so the
 * second replays fixes that may already be stored; a sampler reading all 200 cars' stored
 * ts in sweeps, from before the kill until the end, never sees a car's ts decrease, over
 * at least 20 sweeps after the kill that see each of the 200 cars advance (every car's
 * last fix was produced after the kill); at the end the cars in Redis and their stored ts
 * are exactly the cars in the topic (read back completely) and the ts of each one's
 * newest fix there, in the last-seen set and in the position hash.
 */
class ConsumerCrashIntegrationTests {

	private static final String TOPIC = "it.fault.crash.gps";

	private static final String GROUP = "it-fault-crash";

	private static final int CARS = 200;

	private static final int ROUNDS = 60;

	private static final int KILL_AFTER_ROUND = 20;

	private static final Pattern TS = Pattern.compile("\"ts\":(\\d+)");

	private final List<Process> processes = new ArrayList<>();

	private final RedisProcess redisProcess = RedisProcess.startEphemeral();

	@AfterEach
	void stopEverything() {
		this.processes.forEach(Process::destroyForcibly);
		this.redisProcess.stop();
	}

	@Test
	void serviceKilledMidStreamLosesNoFixAndNothingGoesBackwards() throws Exception {
		long base = System.currentTimeMillis() - 3_600_000;
		LettuceConnectionFactory connectionFactory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(this.redisProcess.host(), this.redisProcess.port()));
		connectionFactory.afterPropertiesSet();
		connectionFactory.start();
		StringRedisTemplate redis = new StringRedisTemplate(connectionFactory);
		PositionKeys keys = new PositionKeys(16);
		PositionStoreReader reader = new PositionStoreReader(redis, keys);
		Sampler sampler = new Sampler(reader);
		KafkaTestSupport.createTopic(TOPIC, 4);
		try (GpsTestData producer = new GpsTestData()) {
			Process first = startService("first");
			produce(producer, base, 0);
			await().atMost(Duration.ofSeconds(120)).until(() -> reader.storedTs(car(0)) == ts(base, 0));
			sampler.start();
			for (int round = 1; round <= KILL_AFTER_ROUND; round++) {
				pause(Duration.ofMillis(200));
				produce(producer, base, round);
			}
			first.destroyForcibly().waitFor();
			sampler.killed.set(true);
			long uncommittedAtKill = KafkaTestSupport.lag(GROUP, TOPIC);
			startService("second");
			for (int round = KILL_AFTER_ROUND + 1; round < ROUNDS; round++) {
				pause(Duration.ofMillis(200));
				produce(producer, base, round);
			}

			List<ConsumerRecord<String, byte[]>> produced = KafkaTestSupport.readAll(TOPIC);
			assertThat(produced).as("records in the topic").hasSize(CARS * ROUNDS);
			Map<String, Long> newestInTopic = newestPerCar(produced);
			await().atMost(Duration.ofSeconds(120))
				.untilAsserted(() -> assertThat(lastSeen(redis, keys)).isEqualTo(newestInTopic));
			sampler.stop();

			assertThat(uncommittedAtKill).as("records uncommitted when the first instance died").isPositive();
			assertThat(sampler.regressions).as("stored ts going backwards (car: before -> after)").isEmpty();
			assertThat(sampler.errors).as("sampler errors").isEmpty();
			assertThat(sampler.sweepsAfterKill).as("sweeps after the kill").hasValueGreaterThanOrEqualTo(20);
			assertThat(sampler.advancedAfterKill).as("cars seen advancing after the kill").hasSize(CARS);
			newestInTopic.forEach((car, ts) -> assertThat(reader.storedTs(car)).as(car).isEqualTo(ts));
		}
		finally {
			sampler.stop();
			connectionFactory.destroy();
		}
	}

	private static void produce(GpsTestData producer, long base, int round) {
		for (int car = 0; car < CARS; car++) {
			producer.send(TOPIC, car(car),
					GpsTestData.fix(37.3 + car * 0.001, 127.1 + round * 0.0001, ts(base, round)));
		}
		producer.flush();
	}

	private static Map<String, Long> newestPerCar(List<ConsumerRecord<String, byte[]>> records) {
		Map<String, Long> newest = new HashMap<>();
		for (ConsumerRecord<String, byte[]> record : records) {
			Matcher ts = TS.matcher(new String(record.value(), StandardCharsets.UTF_8));
			assertThat(ts.find()).as("ts in %s", record).isTrue();
			newest.merge(record.key(), Long.parseLong(ts.group(1)), Math::max);
		}
		return newest;
	}

	/** Every car in the last-seen sets of all shards, with its score. */
	private static Map<String, Long> lastSeen(StringRedisTemplate redis, PositionKeys keys) {
		Map<String, Long> seen = new HashMap<>();
		for (int shard = 0; shard < keys.shardCount(); shard++) {
			Set<TypedTuple<String>> members = redis.opsForZSet().rangeWithScores(keys.seen(shard), 0, -1);
			if (members != null) {
				members.forEach((member) -> seen.put(member.getValue(), member.getScore().longValue()));
			}
		}
		return seen;
	}

	private static String car(int car) {
		return "crash-" + car;
	}

	private static long ts(long base, int round) {
		return base + round * 1000L;
	}

	/** The producer's pace: waiting on nothing is the point here. */
	/**
	 * Paces the producer (the fault's timing): a deliberate pause, not a wait for a
	 * condition, so it is a plain sleep rather than an await that cannot fail.
	 */
	private static void pause(Duration duration) throws InterruptedException {
		Thread.sleep(duration.toMillis());
	}

	private Process startService(String name) throws Exception {
		Path log = Files.createDirectories(Path.of("target", "crash-test")).resolve("ingest-" + name + ".log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		// a 10 s session timeout (instead of 45 s) lets the group drop the killed members
		// sooner: the takeover is the same, only quicker
		List<String> command = List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
				IngestApplication.class.getName(),
				"--spring.kafka.bootstrap-servers=" + SharedKafkaBroker.bootstrapServers(),
				"--spring.data.redis.host=" + this.redisProcess.host(),
				"--spring.data.redis.port=" + this.redisProcess.port(), "--server.port=0", "--management.server.port=0",
				"--fleet.routes.gps.topics=" + TOPIC, "--spring.kafka.consumer.group-id=" + GROUP,
				"--spring.kafka.consumer.max-poll-records=100",
				"--spring.kafka.consumer.properties.session.timeout.ms=10000", "--fleet.kafka.create-topics=true");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		this.processes.add(process);
		return process;
	}

	/**
	 * Reads every car's stored ts every 20 ms and records any that went backwards between
	 * two sweeps, and which cars advanced in sweeps started after the kill.
	 */
	private static final class Sampler {

		final AtomicBoolean killed = new AtomicBoolean();

		final AtomicInteger sweepsAfterKill = new AtomicInteger();

		final Set<String> advancedAfterKill = ConcurrentHashMap.newKeySet();

		final List<String> regressions = new CopyOnWriteArrayList<>();

		final List<Throwable> errors = new CopyOnWriteArrayList<>();

		private final Map<String, Long> last = new ConcurrentHashMap<>();

		private final PositionStoreReader reader;

		private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

		Sampler(PositionStoreReader reader) {
			this.reader = reader;
		}

		void start() {
			this.executor.scheduleWithFixedDelay(this::sweep, 0, 20, TimeUnit.MILLISECONDS);
		}

		/** Stops sampling after one more sweep, so the final state is sampled too. */
		void stop() throws InterruptedException {
			if (!this.executor.isShutdown()) {
				this.executor.shutdown();
				assertThat(this.executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
				sweep();
			}
		}

		private void sweep() {
			try {
				boolean afterKill = this.killed.get();
				for (int car = 0; car < CARS; car++) {
					String carId = car(car);
					long ts = this.reader.storedTs(carId);
					Long previous = this.last.put(carId, ts);
					if (previous != null && ts < previous) {
						this.regressions.add(carId + ": " + previous + " -> " + ts);
					}
					if (afterKill && previous != null && ts > previous) {
						this.advancedAfterKill.add(carId);
					}
				}
				if (afterKill) {
					this.sweepsAfterKill.incrementAndGet();
				}
			}
			catch (RuntimeException ex) {
				this.errors.add(ex);
			}
		}

	}

}
