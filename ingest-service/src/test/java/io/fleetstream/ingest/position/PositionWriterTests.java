package io.fleetstream.ingest.position;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.fleetstream.common.gps.GpsFix;
import io.fleetstream.common.pipeline.LoadRecord;
import io.fleetstream.common.pipeline.RecordCoordinates;
import io.fleetstream.common.redis.AsyncRedis;
import io.fleetstream.devinfra.RedisProcess;
import io.fleetstream.ingest.IngestProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write rules of the position script, on a real redis-server.
 */
class PositionWriterTests {

	private static final long T0 = 1_763_800_000_000L;

	private final PositionKeys keys = new PositionKeys(4);

	private static RedisProcess server;

	private LettuceConnectionFactory connectionFactory;

	private StringRedisTemplate redis;

	private PositionWriter writer;

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@BeforeAll
	static void startRedis() {
		server = RedisProcess.startEphemeral();
	}

	@AfterAll
	static void stopRedis() {
		server.stop();
	}

	@BeforeEach
	void connect() {
		this.connectionFactory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(server.host(), server.port()));
		this.connectionFactory.afterPropertiesSet();
		this.connectionFactory.start();
		this.redis = new StringRedisTemplate(this.connectionFactory);
		this.redis.getConnectionFactory().getConnection().serverCommands().flushDb();
		this.writer = writer(new IngestProperties.Track(true, 5, Duration.ofMinutes(10), Duration.ZERO));
	}

	@AfterEach
	void disconnect() {
		this.connectionFactory.destroy();
	}

	@Test
	void olderFixNeverOverwritesNewer() {
		assertThat(this.writer.write(List.of(fix("car-1", 37.5, T0 + 2000))))
			.isEqualTo(new PositionWriter.Outcome(1, 0));
		assertThat(this.writer.write(List.of(fix("car-1", 36.0, T0 + 1000))))
			.isEqualTo(new PositionWriter.Outcome(0, 1));
		assertThat(position("car-1", "ts")).isEqualTo(String.valueOf(T0 + 2000));
		assertThat(position("car-1", "lat")).isEqualTo("37.5");
	}

	@Test
	void duplicateFixIsNotAppliedTwice() {
		GpsFix fix = fix("car-1", 37.5, T0);
		assertThat(this.writer.write(List.of(fix, fix))).isEqualTo(new PositionWriter.Outcome(1, 1));
		assertThat(this.writer.write(List.of(fix))).isEqualTo(new PositionWriter.Outcome(0, 1));
		assertThat(this.redis.opsForList().size(this.keys.track("car-1"))).isEqualTo(1);
	}

	@Test
	void newestFixWinsWithinOneBatchInAnyOrder() {
		assertThat(this.writer
			.write(List.of(fix("car-1", 1.0, T0 + 3000), fix("car-1", 2.0, T0 + 1000), fix("car-1", 3.0, T0 + 2000))))
			.isEqualTo(new PositionWriter.Outcome(1, 2));
		assertThat(position("car-1", "lat")).isEqualTo("1.0");
		assertThat(this.redis.opsForZSet().score(this.keys.seen(this.keys.shardOf("car-1")), "car-1"))
			.isEqualTo((double) (T0 + 3000));
	}

	@Test
	void inOrderFixesOfOneCarInOneBatchAreNotStale() {
		RedisPositionLoader loader = new RedisPositionLoader(this.writer, this.meters);
		List<GpsFix> inOrder = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			inOrder.add(fix("car-1", 37.0 + i * 0.01, T0 + i * 1000L));
		}
		loader.load(records(inOrder));
		// 5 fixes, each newer than the one before: 1 car at a new position, 4 overtaken
		// in the same batch but none late
		assertThat(stale()).isZero();
		assertThat(this.redis.opsForList().size(this.keys.track("car-1"))).isEqualTo(5);
	}

	@Test
	void duplicateAndOlderFixesAreStale() {
		RedisPositionLoader loader = new RedisPositionLoader(this.writer, this.meters);
		loader.load(records(List.of(fix("car-1", 37.0, T0 + 2000))));
		assertThat(stale()).isZero();
		// a duplicate of the stored fix, an older one, then two in-order newer ones (the
		// first overtaken in this batch, not stale) and a second car's first fix
		loader.load(records(List.of(fix("car-1", 37.0, T0 + 2000), fix("car-1", 36.9, T0 + 1000),
				fix("car-1", 37.1, T0 + 3000), fix("car-1", 37.2, T0 + 4000), fix("car-2", 37.5, T0))));
		assertThat(stale()).isEqualTo(2);
		assertThat(position("car-1", "ts")).isEqualTo(String.valueOf(T0 + 4000));
		assertThat(this.redis.opsForList().range(this.keys.track("car-1"), 0, -1))
			.extracting((point) -> Long.parseLong(point.substring(0, point.indexOf(','))))
			.containsExactly(T0 + 4000, T0 + 3000, T0 + 2000, T0 + 1000);
	}

	@Test
	void trackKeepsTheNewestPointsNewestFirstUpToTheCountBound() {
		List<GpsFix> fixes = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			fixes.add(fix("car-1", 37.0 + i * 0.01, T0 + i * 1000L));
		}
		this.writer.write(fixes);
		List<String> track = this.redis.opsForList().range(this.keys.track("car-1"), 0, -1);
		assertThat(track).hasSize(5);
		assertThat(track.get(0)).startsWith((T0 + 15000) + ",37.15,127.0,10.0,90.0");
		assertThat(track.get(4)).startsWith((T0 + 11000) + ",");
	}

	@Test
	void trackIsTrimmedBackToItsCountBoundOnceItHoldsTenMore() {
		long largest = 0;
		for (int i = 0; i < 40; i++) {
			this.writer.write(List.of(fix("car-1", 37.0 + i * 0.001, T0 + i * 1000L)));
			largest = Math.max(largest, this.redis.opsForList().size(this.keys.track("car-1")));
		}
		assertThat(largest).as("held between trims").isEqualTo(5 + 10);
		assertThat(this.redis.opsForList().range(this.keys.track("car-1"), 0, 4)).first()
			.asString()
			.startsWith((T0 + 39_000) + ",");
	}

	@Test
	void trackExpiresAfterTheAgeBound() {
		this.writer.write(List.of(fix("car-1", 37.0, T0)));
		assertThat(this.redis.getExpire(this.keys.track("car-1"), java.util.concurrent.TimeUnit.SECONDS)).isPositive()
			.isLessThanOrEqualTo(Duration.ofMinutes(10).toSeconds());
	}

	@Test
	void lateFixJoinsTheTrackAtItsPlaceOnceButNotThePosition() {
		this.writer.write(List.of(fix("car-1", 37.0, T0 + 2000)));
		List<GpsFix> late = List.of(fix("car-1", 36.9, T0 + 1000), fix("car-1", 36.8, T0 + 3000),
				fix("car-1", 36.7, T0 + 2500));
		this.writer.write(late);
		this.writer.write(late);
		assertThat(this.redis.opsForList().range(this.keys.track("car-1"), 0, -1))
			.extracting((point) -> Long.parseLong(point.substring(0, point.indexOf(','))))
			.containsExactly(T0 + 3000, T0 + 2500, T0 + 2000, T0 + 1000);
		assertThat(position("car-1", "ts")).isEqualTo(String.valueOf(T0 + 3000));
	}

	@Test
	void lateFixOlderThanAFullTrackIsDropped() {
		List<GpsFix> fixes = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			fixes.add(fix("car-1", 37.0, T0 + i * 1000L));
		}
		this.writer.write(fixes);
		this.writer.write(List.of(fix("car-1", 36.0, T0)));
		assertThat(this.redis.opsForList().range(this.keys.track("car-1"), -1, -1)).first()
			.asString()
			.startsWith((T0 + 1000) + ",");
	}

	@Test
	void noTrackIsKeptWhenDisabled() {
		writer(new IngestProperties.Track(false, 5, Duration.ofMinutes(1), Duration.ZERO))
			.write(List.of(fix("car-1", 37.0, T0)));
		assertThat(this.redis.hasKey(this.keys.track("car-1"))).isFalse();
	}

	@Test
	void carMovingBeyondTheGeoLimitLeavesTheGeoIndex() {
		this.writer.write(List.of(fix("car-1", 85.0, T0)));
		String geo = this.keys.geo(this.keys.shardOf("car-1"));
		assertThat(this.redis.opsForGeo().position(geo, "car-1")).doesNotContainNull();
		this.writer.write(List.of(fix("car-1", 86.0, T0 + 1000)));
		assertThat(this.redis.opsForGeo().position(geo, "car-1")).containsOnlyNulls();
		assertThat(position("car-1", "geo")).isEqualTo("0");
		assertThat(position("car-1", "lat")).isEqualTo("86.0");
	}

	@Test
	void missingSpeedAndHeadingAreStoredEmptyNotStale() {
		this.writer.write(List.of(new GpsFix("car-1", 37.0, 127.0, T0, 30.0, 90.0, T0)));
		this.writer.write(List.of(new GpsFix("car-1", 37.0, 127.0, T0 + 1000, null, null, T0)));
		assertThat(position("car-1", "speedKmh")).isEmpty();
		assertThat(position("car-1", "heading")).isEmpty();
	}

	@Test
	void scriptIsLoadedAgainAfterTheServerForgetsIt() {
		this.writer.write(List.of(fix("car-1", 37.0, T0)));
		this.redis.execute((org.springframework.data.redis.core.RedisCallback<Void>) (connection) -> {
			connection.scriptingCommands().scriptFlush();
			return null;
		});
		assertThat(this.writer.write(List.of(fix("car-1", 37.1, T0 + 1000))).applied()).isEqualTo(1);
	}

	@Test
	void largeBatchesAreSplitAcrossShardsAndChunks() {
		List<GpsFix> fixes = new ArrayList<>();
		for (int i = 0; i < 3 * PositionWriter.MAX_FIXES_PER_CALL; i++) {
			fixes.add(fix("car-" + i, 37.0 + (i % 100) * 0.001, T0));
		}
		assertThat(this.writer.write(fixes)).isEqualTo(new PositionWriter.Outcome(fixes.size(), 0));
		long indexed = 0;
		for (int shard = 0; shard < this.keys.shardCount(); shard++) {
			indexed += this.redis.opsForZSet().size(this.keys.geo(shard));
		}
		assertThat(indexed).isEqualTo(fixes.size());
	}

	@Test
	void latestPositionsAreOneFieldPerCarInTheShardsPositionsHash() {
		this.writer.write(List.of(fix("car-1", 37.5, T0), new GpsFix("car-2", 37.6, 127.1, T0, null, null, T0)));
		assertThat(this.redis.opsForHash().get(this.keys.positions(this.keys.shardOf("car-1")), "car-1"))
			.isEqualTo(T0 + ",37.5,127.0,10.0,90.0");
		assertThat(this.redis.opsForHash().get(this.keys.positions(this.keys.shardOf("car-2")), "car-2"))
			.isEqualTo(T0 + ",37.6,127.1,,");
		// no key per car besides its track
		assertThat(this.redis.keys("fleet:*:pos:*")).isEmpty();
	}

	@Test
	void replayedBatchLeavesPositionAndTrackAsTheyWere() {
		List<GpsFix> batch = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			batch.add(fix("car-1", 37.0 + i * 0.01, T0 + i * 1000L));
		}
		this.writer.write(batch);
		String position = new PositionStoreReader(this.redis, this.keys).stored("car-1");
		List<String> track = this.redis.opsForList().range(this.keys.track("car-1"), 0, -1);
		assertThat(this.writer.write(batch)).isEqualTo(new PositionWriter.Outcome(0, 4));
		assertThat(new PositionStoreReader(this.redis, this.keys).stored("car-1")).isEqualTo(position);
		assertThat(this.redis.opsForList().range(this.keys.track("car-1"), 0, -1)).isEqualTo(track);
	}

	@Test
	void trackAtAResolutionKeepsTheFirstFixOfEachIntervalAndTheNewestAsThePosition() {
		PositionWriter coarse = writer(
				new IngestProperties.Track(true, 20, Duration.ofMinutes(10), Duration.ofSeconds(10)));
		List<GpsFix> fixes = new ArrayList<>();
		for (int i = 0; i < 35; i++) {
			fixes.add(fix("car-1", 37.0 + i * 0.001, T0 + i * 1000L));
		}
		// in two calls, so intervals also start across calls
		coarse.write(fixes.subList(0, 15));
		coarse.write(fixes.subList(15, 35));
		assertThat(trackTimes()).containsExactly(T0 + 30_000, T0 + 20_000, T0 + 10_000, T0);
		assertThat(position("car-1", "ts")).isEqualTo(String.valueOf(T0 + 34_000));
		// a replay adds nothing, in-order or late
		assertThat(coarse.write(fixes).applied()).isZero();
		assertThat(trackTimes()).containsExactly(T0 + 30_000, T0 + 20_000, T0 + 10_000, T0);
	}

	@Test
	void lateFixAtAResolutionFillsAnEmptyIntervalOnceAndNeverASecondPoint() {
		PositionWriter coarse = writer(
				new IngestProperties.Track(true, 20, Duration.ofMinutes(10), Duration.ofSeconds(10)));
		coarse.write(List.of(fix("car-1", 37.0, T0), fix("car-1", 37.1, T0 + 30_000)));
		assertThat(coarse.write(List.of(fix("car-1", 36.9, T0 + 15_000))).stale()).isEqualTo(1);
		coarse.write(List.of(fix("car-1", 36.9, T0 + 15_000), fix("car-1", 36.8, T0 + 12_000)));
		assertThat(trackTimes()).containsExactly(T0 + 30_000, T0 + 15_000, T0);
		assertThat(position("car-1", "ts")).isEqualTo(String.valueOf(T0 + 30_000));
	}

	private List<Long> trackTimes() {
		return this.redis.opsForList()
			.range(this.keys.track("car-1"), 0, -1)
			.stream()
			.map((point) -> Long.parseLong(point.substring(0, point.indexOf(','))))
			.toList();
	}

	private PositionWriter writer(IngestProperties.Track track) {
		return new PositionWriter(new AsyncRedis(this.connectionFactory), this.keys, track, Duration.ofSeconds(5));
	}

	private double stale() {
		return this.meters.get("fleet.positions.stale").counter().count();
	}

	private String position(String carId, String field) {
		return (String) new PositionStoreReader(this.redis, this.keys).position(carId).get(field);
	}

	private static GpsFix fix(String carId, double lat, long ts) {
		return new GpsFix(carId, lat, 127.0, ts, 10.0, 90.0, ts);
	}

	/** The fixes as the pipeline hands them to the loader, at consecutive offsets. */
	private static List<LoadRecord<GpsFix>> records(List<GpsFix> fixes) {
		List<LoadRecord<GpsFix>> records = new ArrayList<>();
		for (int i = 0; i < fixes.size(); i++) {
			GpsFix fix = fixes.get(i);
			records.add(new LoadRecord<>(fix, new RecordCoordinates("cars.gps.json", 0, i, fix.carId(), 0), 0));
		}
		return records;
	}

}
