package io.fleetstream.alert;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fleetstream.devinfra.RedisProcess;
import io.fleetstream.testsupport.SharedRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault: alert-service runs as its own JVM and is killed with SIGKILL while car K's
 * engine-overheating episode is pending (coolant above 110 C since t0, 30 s of the rule's
 * 60 s elapsed, state committed); a second instance takes over the partitions. Records at
 * t0+61 s (still hot) and t0+90 s (cooled) follow.
 *
 * <p>
 * Must hold: the second instance remembers the pending episode (it fires at t0+61 s with
 * the episode id of t0, not later with a new start), and over both processes exactly two
 * notifications are delivered: that episode's FIRING and RESOLVED, once each.
 */
class ConsumerCrashIntegrationTests {

	/**
	 * A child JVM's start-up plus its first batches: minutes on a loaded 2-core machine
	 * (over 3 were seen), seconds on an idle one.
	 */
	private static final Duration STARTUP_AND_PROCESSING = Duration.ofMinutes(8);

	private final List<Process> processes = new ArrayList<>();

	@AfterEach
	void stopProcesses() {
		this.processes.forEach(Process::destroyForcibly);
	}

	@Test
	void killedMidEpisodeTheEpisodeNotifiesExactlyOnce() throws Exception {
		String enriched = AlertApps.unique("it.crash.enriched");
		String outlier = AlertApps.unique("it.crash.alerts");
		String group = AlertApps.unique("it-crash");
		String deliveries = AlertApps.unique("test:deliveries");
		AlertApps.createTopics(enriched, outlier);
		RedisProcess redisProcess = SharedRedis.standalone();
		LettuceConnectionFactory connectionFactory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(redisProcess.host(), redisProcess.port()));
		connectionFactory.afterPropertiesSet();
		connectionFactory.start();
		try {
			StringRedisTemplate redis = new StringRedisTemplate(connectionFactory);
			String car = AlertApps.unique("crash-k");
			// recent enough that vehicle-silent (15 min, wall clock) cannot fire during a
			// slow run
			long t0 = System.currentTimeMillis() - 120_000;
			List<String> arguments = AlertApps.arguments(enriched, outlier, group,
					"--test.deliveries-key=" + deliveries);

			Process first = startService("first", arguments);
			AlertApps.produce(enriched, List.of(hot(car, t0, 115.0), hot(car, t0 + 30_000, 116.0)));
			await().atMost(STARTUP_AND_PROCESSING).until(() -> AlertApps.caughtUp(group, enriched));
			assertThat(redis.opsForList().range(deliveries, 0, -1)).as("delivered before the kill").isEmpty();
			first.destroyForcibly().waitFor();

			AlertApps.produce(enriched, List.of(hot(car, t0 + 61_000, 117.0), hot(car, t0 + 90_000, 90.0)));
			startService("second", arguments);
			String episode = car + "~engine-overheating~" + t0;
			await().atMost(STARTUP_AND_PROCESSING)
				.untilAsserted(() -> assertThat(redis.opsForList().range(deliveries, 0, -1))
					.containsExactly(episode + ":FIRING", episode + ":RESOLVED"));
			await().atMost(Duration.ofSeconds(60)).until(() -> AlertApps.caughtUp(group, enriched));
			assertThat(redis.opsForList().range(deliveries, 0, -1)).containsExactly(episode + ":FIRING",
					episode + ":RESOLVED");
			assertThat(AlertApps.values(outlier)).hasSize(2);
		}
		finally {
			connectionFactory.destroy();
		}
	}

	private static String[] hot(String car, long eventTime, double coolantTempC) {
		return AlertApps.enriched(car, eventTime, Map.of("engine.coolantTempC", coolantTempC, "engine.on", true));
	}

	private Process startService(String name, List<String> arguments) throws Exception {
		Path log = Files.createDirectories(Path.of("target", "crash-test")).resolve("alert-" + name + ".log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
				RedisRecordingAlertApplication.class.getName()));
		command.addAll(arguments);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		this.processes.add(process);
		return process;
	}

}
