package io.fleetstream.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import io.fleetstream.devinfra.FreePorts;
import io.fleetstream.ingest.position.PackedPosition;
import io.fleetstream.ingest.position.PositionKeys;
import io.fleetstream.local.infra.LocalKafka;
import io.fleetstream.local.infra.LocalRedis;
import io.fleetstream.local.simulator.FleetSimulator;
import io.fleetstream.local.service.SpringService;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole local stack on free ports with a small fleet: the simulated cars reach Redis
 * through the real broker and ingest-service, every URL the banner suggests answers, and
 * stopping the stack leaves nothing running.
 */
class LocalStackTests {

	private static final int CARS = 50;

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

	@Test
	void simulatedCarsReachRedisThroughKafkaAndIngestServiceThenEverythingStops() throws Exception {
		LocalStack stack = LocalStack
			.create(CommandLine.parse("--cars=" + CARS, "--seed=1", "--parked-share=0", "--kafka-port=0",
					"--redis-port=0", "--http-port=0", "--management-port=0", "--enrichment-port=0", "--alert-port=0"));
		LocalRedis redis = component(stack, LocalRedis.class);
		SpringService ingest = service(stack, "ingest-service");
		try {
			stack.start();
			// each service runs with the configuration it ships, not the first one on the
			// stack's class path
			for (String name : List.of("ingest-service", "enrichment-service", "alert-service")) {
				assertThat(service(stack, name).context().getEnvironment().getProperty("spring.application.name"))
					.isEqualTo(name);
			}
			assertThat(stack.banner()).contains(component(stack, LocalKafka.class).bootstrapServers(),
					"127.0.0.1:" + redis.port(), "http://localhost:" + ingest.httpPort() + "/api/v1/vehicles?lat=");
			PositionKeys keys = ingest.context().getBean(PositionKeys.class);
			RedisClient client = RedisClient.create("redis://127.0.0.1:" + redis.port());
			try (StatefulRedisConnection<String, String> connection = client.connect()) {
				RedisCommands<String, String> commands = connection.sync();
				await().atMost(Duration.ofSeconds(30)).until(() -> carsStored(commands, keys) == CARS);
				long firstTs = stored(commands, keys, "car-00001").ts();
				await().atMost(Duration.ofSeconds(10))
					.until(() -> stored(commands, keys, "car-00001").ts() >= firstTs + 2000);
				assertThat(stored(commands, keys, "car-00050").lat()).isBetween(37.0, 38.0);
			}
			finally {
				client.shutdown();
			}
			// the simulator also sends status updates and the reference tables' full load
			// (and
			// later changes)
			FleetSimulator simulator = component(stack, FleetSimulator.class);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> simulator.sent("cdc.carinfo") >= CARS && simulator.sent("cdc.deviceinfo") >= CARS
						&& simulator.sent("cars.status.json") >= CARS);
			String api = "http://localhost:" + ingest.httpPort() + "/api/v1/vehicles";
			assertThat(get(api + "?lat=37.5665&lng=126.978&radiusM=20000&limit=1000").body())
				.contains("\"count\":" + CARS);
			assertThat(get(api + "/car-00001").body()).contains("\"carId\":\"car-00001\"");
			assertThat(get("http://localhost:" + ingest.managementPort() + "/actuator/health").body())
				.contains("\"status\":\"UP\"");
			for (String url : ingest.urlsToTry()) {
				assertThat(get(url).statusCode()).as(url).isEqualTo(200);
			}
		}
		finally {
			stack.close();
		}
		assertThat(redis.isRunning()).isFalse();
		assertThat(List.of(redis.port(), ingest.httpPort(), ingest.managementPort(),
				Integer.parseInt(component(stack, LocalKafka.class).bootstrapServers().split(":")[1])))
			.allSatisfy((port) -> assertThat(FreePorts.isFree(port)).as("port %d is free", port).isTrue());
	}

	private static SpringService service(LocalStack stack, String name) {
		return stack.components()
			.stream()
			.filter((component) -> component instanceof SpringService && component.name().equals(name))
			.map(SpringService.class::cast)
			.findFirst()
			.orElseThrow();
	}

	private static PackedPosition stored(RedisCommands<String, String> commands, PositionKeys keys, String carId) {
		return PackedPosition.decode(commands.hget(keys.positions(keys.shardOf(carId)), carId));
	}

	private static long carsStored(RedisCommands<String, String> commands, PositionKeys keys) {
		long cars = 0;
		for (int shard = 0; shard < keys.shardCount(); shard++) {
			cars += commands.zcard(keys.seen(shard));
		}
		return cars;
	}

	private HttpResponse<String> get(String url) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static <T> T component(LocalStack stack, Class<T> type) {
		return stack.components().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
	}

}
