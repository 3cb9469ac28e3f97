package io.fleetstream.ingest.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.fleetstream.common.gps.GpsFix;
import io.fleetstream.common.redis.AsyncRedis;
import io.fleetstream.devinfra.RedisProcess;
import io.fleetstream.ingest.IngestProperties;
import io.fleetstream.ingest.position.PositionKeys;
import io.fleetstream.ingest.position.PositionWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read side over what the real writer stores, on a real redis-server: a search reads
 * the positions of its hits with one HMGET per shard and must still give each hit its own
 * position; with a track resolution the track is headed by the exact newest fix.
 */
class RedisFleetQueriesTests {

	private static final long T0 = 1_763_800_000_000L;

	private static final Instant NOW = Instant.ofEpochMilli(T0 + 60_000);

	private static RedisProcess server;

	private final PositionKeys keys = new PositionKeys(4);

	private LettuceConnectionFactory connections;

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
		this.connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(server.host(), server.port()));
		this.connections.afterPropertiesSet();
		this.connections.start();
		this.connections.getConnection().serverCommands().flushDb();
	}

	@AfterEach
	void disconnect() {
		this.connections.destroy();
	}

	@Test
	void searchGivesEveryHitItsOwnPositionAcrossShards() {
		Track track = new Track(Duration.ZERO);
		List<GpsFix> fixes = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			// car i is i * 10 m north of the centre, speed i: each hit is recognisable
			fixes.add(new GpsFix("car-" + i, 37.5 + i * 0.00009, 127.0, T0 + i, (double) i, null, T0));
		}
		track.writer().write(fixes);
		List<VehiclePosition> found = track.queries().search(new SearchArea.Circle(37.5, 127.0, 1000), 100);
		assertThat(found).hasSize(40);
		for (int i = 0; i < 40; i++) {
			VehiclePosition vehicle = found.get(i);
			assertThat(vehicle.carId()).isEqualTo("car-" + i);
			assertThat(vehicle.lat()).isEqualTo(37.5 + i * 0.00009);
			assertThat(vehicle.ts()).isEqualTo(T0 + i);
			assertThat(vehicle.speedKmh()).isEqualTo((double) i);
			assertThat(vehicle.heading()).isNull();
		}
		assertThat(found.stream().map((vehicle) -> this.keys.shardOf(vehicle.carId())).distinct()).hasSize(4);
	}

	/**
	 * Each shard is first asked for about twice its share of the limit, not for the whole
	 * limit; when the nearest cars all sit in one shard, that shard must be asked again
	 * until the merged answer is exact. Cars of shard 0 are placed nearest (10 m apart,
	 * northwards), every other car beyond them, so the nearest 100 are all from shard 0.
	 */
	@Test
	void searchIsExactWhenTheNearestCarsAllSitInOneShard() {
		Track track = new Track(Duration.ZERO);
		List<String> nearestFirst = new ArrayList<>();
		List<String> others = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			String car = "car-" + i;
			(this.keys.shardOf(car) == 0 ? nearestFirst : others).add(car);
		}
		nearestFirst.addAll(others);
		List<GpsFix> fixes = new ArrayList<>();
		for (int i = 0; i < nearestFirst.size(); i++) {
			fixes.add(new GpsFix(nearestFirst.get(i), 37.5 + i * 0.00009, 127.0, T0, null, null, T0));
		}
		track.writer().write(fixes);
		assertThat(nearestFirst.subList(0, 100)).allMatch((car) -> this.keys.shardOf(car) == 0);
		List<VehiclePosition> circle = track.queries().search(new SearchArea.Circle(37.5, 127.0, 50_000), 100);
		assertThat(circle).extracting(VehiclePosition::carId).containsExactlyElementsOf(nearestFirst.subList(0, 100));
		List<VehiclePosition> box = track.queries().search(new SearchArea.Box(126.99, 37.4, 127.01, 37.6), 100);
		assertThat(box).extracting(VehiclePosition::carId).containsExactlyElementsOf(nearestFirst.subList(0, 100));
	}

	@Test
	void vehicleIsReadFromItsShardsPositionsHash() {
		Track track = new Track(Duration.ZERO);
		track.writer().write(List.of(new GpsFix("car-1", 86.0, 10.0, T0, 12.5, 90.0, T0)));
		VehiclePosition vehicle = track.queries().vehicle("car-1").orElseThrow();
		assertThat(vehicle.lat()).isEqualTo(86.0);
		assertThat(vehicle.lng()).isEqualTo(10.0);
		assertThat(vehicle.speedKmh()).isEqualTo(12.5);
		assertThat(vehicle.heading()).isEqualTo(90.0);
		assertThat(vehicle.geoIndexed()).isFalse();
		assertThat(vehicle.ageSeconds()).isEqualTo(60);
		assertThat(track.queries().vehicle("car-2")).isEmpty();
	}

	@Test
	void trackAtAResolutionIsHeadedByTheExactNewestFix() {
		Track track = new Track(Duration.ofSeconds(10));
		List<GpsFix> fixes = new ArrayList<>();
		for (int i = 0; i < 25; i++) {
			fixes.add(new GpsFix("car-1", 37.0 + i * 0.001, 127.0, T0 + i * 1000L, 30.0, 90.0, T0));
		}
		track.writer().write(fixes);
		List<TrackPoint> points = track.queries().track("car-1", null, 100).orElseThrow();
		assertThat(points).extracting(TrackPoint::ts).containsExactly(T0 + 24_000, T0 + 20_000, T0 + 10_000, T0);
		assertThat(points.get(0).lat()).isEqualTo(37.0 + 24 * 0.001);
		assertThat(track.queries().track("car-1", null, 2).orElseThrow()).extracting(TrackPoint::ts)
			.containsExactly(T0 + 24_000, T0 + 20_000);
		assertThat(track.queries().track("car-1", Instant.ofEpochMilli(T0 + 15_000), 100).orElseThrow())
			.extracting(TrackPoint::ts)
			.containsExactly(T0 + 24_000, T0 + 20_000);
	}

	@Test
	void trackOfEveryFixIsNotHeadedTwiceByTheNewest() {
		Track track = new Track(Duration.ZERO);
		track.writer()
			.write(List.of(new GpsFix("car-1", 37.0, 127.0, T0, null, null, T0),
					new GpsFix("car-1", 37.1, 127.0, T0 + 1000, null, null, T0)));
		assertThat(track.queries().track("car-1", null, 100).orElseThrow()).extracting(TrackPoint::ts)
			.containsExactly(T0 + 1000, T0);
	}

	/** A writer and the queries over one track setting. */
	private final class Track {

		private final IngestProperties.Track settings;

		Track(Duration resolution) {
			this.settings = new IngestProperties.Track(true, 120, Duration.ofHours(1), resolution);
		}

		PositionWriter writer() {
			return new PositionWriter(new AsyncRedis(RedisFleetQueriesTests.this.connections),
					RedisFleetQueriesTests.this.keys, this.settings, Duration.ofSeconds(5));
		}

		RedisFleetQueries queries() {
			return new RedisFleetQueries(new AsyncRedis(RedisFleetQueriesTests.this.connections),
					RedisFleetQueriesTests.this.keys, Duration.ofSeconds(5), Clock.fixed(NOW, ZoneOffset.UTC),
					this.settings);
		}

	}

}
