package io.fleetstream.ingest.live;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.fleetstream.common.gps.GpsFix;
import io.fleetstream.ingest.position.PackedPosition;
import io.fleetstream.ingest.position.PositionKeys;
import io.fleetstream.ingest.position.PositionWriter;
import io.fleetstream.testsupport.RealInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live stream over real HTTP on a real redis-server, positions written by the real
 * {@link PositionWriter} (the Kafka listener stays stopped). Its Redis database (8) is
 * its own, so the snapshot can be compared with everything stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.kafka.listener.auto-startup=false", "spring.data.redis.database=8",
				"fleet.kafka.create-topics=true", "fleet.ingest.live.interval=200ms", "fleet.ingest.live.overlap=10s",
				"fleet.ingest.live.resync-interval=1h", "fleet.ingest.live.chunk-size=250",
				"fleet.ingest.live.max-subscribers=4", "fleet.ingest.live.queue-capacity=64",
				"fleet.ingest.live.heartbeat=1s" })
@RealInfrastructure
class LiveFeedIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@LocalServerPort
	private int port;

	@Autowired
	private PositionWriter writer;

	@Autowired
	private PositionKeys keys;

	@Autowired
	private StringRedisTemplate redis;

	@Autowired
	private LiveFeed feed;

	@Autowired
	private MeterRegistry meters;

	private final JsonMapper json = JsonMapper.builder().build();

	/**
	 * Streams of an earlier test end at the server's next write (a heartbeat at most).
	 */
	@BeforeEach
	void noStreamOpen() {
		await().atMost(WAIT).until(() -> this.feed.subscribers() == 0);
	}

	@Test
	void theSnapshotIsTheStoredFleetInChunks() throws Exception {
		long now = System.currentTimeMillis();
		List<GpsFix> fixes = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			fixes.add(fix(id("snapshot-" + i), 37.4 + i * 0.001, 127.0, now - i * 1000));
		}
		this.writer.write(fixes);

		try (SseStream stream = SseStream.open(this.port)) {
			assertThat(stream.status()).isEqualTo(200);
			assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
			Map<String, JsonNode> snapshot = awaitSnapshot(stream);

			Map<String, PackedPosition> stored = storedFleet();
			assertThat(stored).hasSizeGreaterThanOrEqualTo(60);
			assertThat(snapshot).containsOnlyKeys(stored.keySet());
			stored.forEach((car, position) -> {
				JsonNode sent = snapshot.get(car);
				assertThat(sent.get(1).asLong()).as(car).isEqualTo(position.ts());
				assertThat(sent.get(2).asDouble()).as(car).isEqualTo(position.lat());
				assertThat(sent.get(3).asDouble()).as(car).isEqualTo(position.lng());
			});
			// 250 cars per chunk
			JsonNode first = this.json.readTree(stream.events(LiveEvents.SNAPSHOT).get(0).data());
			assertThat(first.get("chunks").asInt()).isEqualTo((stored.size() + 249) / 250);
		}
	}

	@Test
	void aFixWrittenByTheWriterArrivesAsADelta() throws Exception {
		String car = id("delta");
		try (SseStream stream = SseStream.open(this.port)) {
			awaitSnapshot(stream);
			long ts = System.currentTimeMillis();
			this.writer.write(List.of(new GpsFix(car, 37.51, 127.02, ts, 42.5, 90.0, ts)));

			JsonNode sent = awaitDelta(stream, car, ts);
			assertThat(sent.get(2).asDouble()).isEqualTo(37.51);
			assertThat(sent.get(3).asDouble()).isEqualTo(127.02);
			assertThat(sent.get(4).asDouble()).isEqualTo(42.5);
			assertThat(sent.get(5).asDouble()).isEqualTo(90.0);
		}
	}

	/**
	 * A lagging consumer writes a fix older than what another car of the same shard has
	 * already reported (behind the shard's newest last-seen time), but newer than the
	 * car's own: it must still be pushed. A feed that only read past its cursor would
	 * never send it.
	 */
	@Test
	void aLateWriteOfANewerFixIsNotMissed() throws Exception {
		String punctual = id("punctual");
		String lagging = sameShardAs(punctual, "lagging");
		long now = System.currentTimeMillis();
		this.writer.write(List.of(fix(lagging, 37.50, 127.00, now - 60_000)));
		try (SseStream stream = SseStream.open(this.port)) {
			awaitSnapshot(stream);
			this.writer.write(List.of(fix(punctual, 37.52, 127.00, now)));
			awaitDelta(stream, punctual, now);

			this.writer.write(List.of(fix(lagging, 37.53, 127.01, now - 4000)));

			JsonNode sent = awaitDelta(stream, lagging, now - 4000);
			assertThat(sent.get(2).asDouble()).isEqualTo(37.53);
		}
	}

	/**
	 * A client that stops reading is dropped once its queue is full, while another keeps
	 * receiving every delta; the dropped one's slot is freed when its connection goes.
	 */
	@Test
	void aSlowClientIsDroppedWhileOthersKeepReceiving() throws Exception {
		double droppedBefore = this.meters.counter("fleet.live.clients.dropped").count();
		int openBefore = this.feed.subscribers();
		try (Socket slow = stalledSubscriber(); SseStream fast = SseStream.open(this.port)) {
			awaitSnapshot(fast);
			await().atMost(WAIT).until(() -> this.feed.subscribers() == openBefore + 2);
			await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() -> {
				// large deltas (many chunks) fill the socket buffers of the client that
				// does not read, then its queue
				this.writer.write(movingCars(2000));
				return this.meters.counter("fleet.live.clients.dropped").count() > droppedBefore;
			});
			// the reader was not held up: it still gets every delta, and only the slow
			// client was dropped
			String marker = id("fast-reader");
			long ts = System.currentTimeMillis();
			this.writer.write(List.of(fix(marker, 37.6, 127.1, ts)));
			awaitDelta(fast, marker, ts);
			assertThat(this.meters.counter("fleet.live.clients.dropped").count()).isEqualTo(droppedBefore + 1);
			slow.close();
			await().atMost(WAIT).until(() -> this.feed.subscribers() == openBefore + 1);
		}
		await().atMost(WAIT).until(() -> this.feed.subscribers() == openBefore);
	}

	@Test
	void beyondMaxSubscribersASubscriptionIsA503ProblemUntilAStreamEnds() throws Exception {
		List<SseStream> open = new ArrayList<>();
		try {
			for (int i = 0; i < 4; i++) {
				open.add(SseStream.open(this.port));
				assertThat(open.get(i).status()).isEqualTo(200);
			}
			try (SseStream refused = SseStream.open(this.port)) {
				assertThat(refused.status()).isEqualTo(503);
				assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
				assertThat(refused.header("Retry-After")).isNotNull();
				await().atMost(WAIT).until(() -> refused.body().contains("}"));
				assertThat(this.json.readTree(refused.body()).get("title").asString())
					.isEqualTo("Too many live streams");
			}

			open.remove(0).close();
			// the server notices at its next write (a heartbeat at the latest)
			await().atMost(WAIT).until(() -> this.feed.subscribers() == 3);
			try (SseStream again = SseStream.open(this.port)) {
				assertThat(again.status()).isEqualTo(200);
				awaitSnapshot(again);
			}
		}
		finally {
			for (SseStream stream : open) {
				stream.close();
			}
		}
	}

	@Test
	void anIdleStreamGetsHeartbeats() throws Exception {
		try (SseStream stream = SseStream.open(this.port)) {
			awaitSnapshot(stream);
			long comments = stream.comments();
			await().atMost(WAIT).until(() -> stream.comments() >= comments + 2);
		}
	}

	private Map<String, JsonNode> awaitSnapshot(SseStream stream) {
		assertThat(stream.status()).isEqualTo(200);
		Map<String, JsonNode> cars = new HashMap<>();
		await().atMost(WAIT).until(() -> {
			List<SseStream.Event> chunks = stream.events(LiveEvents.SNAPSHOT);
			if (chunks.isEmpty()) {
				return false;
			}
			JsonNode last = this.json.readTree(chunks.get(chunks.size() - 1).data());
			return last.get("chunk").asInt() == last.get("chunks").asInt() - 1;
		});
		for (SseStream.Event chunk : stream.events(LiveEvents.SNAPSHOT)) {
			for (JsonNode car : this.json.readTree(chunk.data()).get("cars")) {
				assertThat(cars.put(car.get(0).asString(), car)).as("sent once").isNull();
			}
		}
		return cars;
	}

	private JsonNode awaitDelta(SseStream stream, String car, long ts) {
		JsonNode[] found = new JsonNode[1];
		await().atMost(WAIT).until(() -> {
			for (SseStream.Event delta : stream.events(LiveEvents.DELTA)) {
				for (JsonNode sent : this.json.readTree(delta.data()).get("cars")) {
					if (sent.get(0).asString().equals(car) && sent.get(1).asLong() == ts) {
						found[0] = sent;
						return true;
					}
				}
			}
			return false;
		});
		return found[0];
	}

	private Map<String, PackedPosition> storedFleet() {
		Map<String, PackedPosition> fleet = new HashMap<>();
		for (int shard = 0; shard < this.keys.shardCount(); shard++) {
			this.redis.<String, String>opsForHash()
				.entries(this.keys.positions(shard))
				.forEach((car, value) -> fleet.put(car, PackedPosition.decode(value)));
		}
		return fleet;
	}

	/** Subscribes over a socket that never reads and has a tiny receive buffer. */
	private Socket stalledSubscriber() throws Exception {
		Socket socket = new Socket();
		socket.setReceiveBufferSize(1024);
		socket.connect(new java.net.InetSocketAddress("localhost", this.port));
		OutputStream out = socket.getOutputStream();
		out.write(("GET /api/v1/live/positions HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		out.flush();
		InputStream in = socket.getInputStream();
		// the status line only, then never again
		byte[] head = new byte[12];
		int read = in.readNBytes(head, 0, head.length);
		assertThat(new String(head, 0, read, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
		return socket;
	}

	private int moves;

	private List<GpsFix> movingCars(int count) {
		long ts = System.currentTimeMillis();
		this.moves++;
		List<GpsFix> fixes = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			fixes.add(fix("slow-test-car-" + i, 37.4 + i * 0.0001, 127.0 + this.moves * 0.0001, ts));
		}
		return fixes;
	}

	private String sameShardAs(String car, String prefix) {
		int shard = this.keys.shardOf(car);
		for (int i = 0;; i++) {
			String candidate = id(prefix + "-" + i);
			if (this.keys.shardOf(candidate) == shard) {
				return candidate;
			}
		}
	}

	private static GpsFix fix(String car, double lat, double lng, long ts) {
		return new GpsFix(car, lat, lng, ts, 10.0, null, ts);
	}

	private static String id(String name) {
		return "live-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
