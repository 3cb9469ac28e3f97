package io.fleetstream.local.loadgen;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.fleetstream.local.CommandLine;
import io.fleetstream.local.simulator.FleetSimulator;
import io.fleetstream.local.simulator.SimulationArea;
import org.springframework.boot.convert.DurationStyle;

/**
 * The fleet simulator on its own, as a load generator against a real cluster (a staging
 * MSK, say): the same cars, status, CDC and incidents as in the local stack, at the size
 * and rate asked for, with a progress line, for a given time or until Ctrl-C.
 *
 * <pre>
 * bin/fleetstream-simulator --bootstrap-servers=b-1.staging.kafka.ap-northeast-2.amazonaws.com:9098 \
 *     --auth=msk-iam --cars=20000 --duration=30m
 * </pre>
 */
public final class LoadGenerator {

	private LoadGenerator() {
	}

	/** The options the load generator adds to the simulator's. */
	record Options(String bootstrapServers, String auth, Duration duration, Duration progressInterval,
			Map<String, String> kafka, List<String> simulatorArguments) {

		static Options parse(String... args) {
			String bootstrap = null;
			String auth = "none";
			Duration duration = null;
			Duration progress = Duration.ofSeconds(5);
			Map<String, String> kafka = new LinkedHashMap<>();
			List<String> rest = new ArrayList<>();
			for (String arg : args) {
				int equals = arg.indexOf('=');
				String name = (arg.startsWith("--") && equals > 2) ? arg.substring(2, equals) : "";
				String value = (equals > 0) ? arg.substring(equals + 1) : "";
				switch (name) {
					case "bootstrap-servers" -> bootstrap = value;
					case "auth" -> auth = value;
					case "duration" -> duration = DurationStyle.detectAndParse(value);
					case "progress-interval" -> progress = DurationStyle.detectAndParse(value);
					default -> {
						if (name.startsWith("kafka.")) {
							kafka.put(name.substring("kafka.".length()), value);
						}
						else {
							rest.add(arg);
						}
					}
				}
			}
			if (bootstrap == null || bootstrap.isBlank()) {
				throw new IllegalArgumentException(
						"--bootstrap-servers=host:port[,host:port] is required\n\n" + usage());
			}
			return new Options(bootstrap, auth, duration, progress, kafka, rest);
		}

	}

	static String usage() {
		return """
				bin/fleetstream-simulator --bootstrap-servers=HOST:PORT [options]
				  --auth=none|kafka-tls|msk-iam  how to reach the cluster (none); msk-iam takes AWS
				                          credentials from the default chain (env, profile, IRSA)
				  --duration=30m          stop after this long (default: until Ctrl-C)
				  --progress-interval=5s  how often the progress line is printed
				  --kafka.<setting>=v     any Kafka producer setting, e.g. --kafka.acks=all
				""" + CommandLine.usage();
	}

	public static void main(String... args) throws InterruptedException {
		if (List.of(args).contains("--help")) {
			System.out.println(usage());
			return;
		}
		Options options;
		CommandLine simulatorOptions;
		try {
			options = Options.parse(args);
			simulatorOptions = CommandLine.parse(options.simulatorArguments().toArray(String[]::new));
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		FleetSimulator simulator = new FleetSimulator(simulatorOptions.properties().simulator(),
				KafkaClientSettings.producer(options.bootstrapServers(), options.auth(), options.kafka()),
				SimulationArea.SEOUL, Clock.systemUTC(), options.progressInterval());
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			simulator.stop();
			System.out.println("Sent " + simulator.sentByTopic());
			stopped.countDown();
		}, "simulator-shutdown"));
		System.out.println("Simulating: " + simulator.address());
		simulator.start();
		if (options.duration() != null) {
			Thread.sleep(options.duration().toMillis());
			System.exit(0);
		}
		stopped.await(Long.MAX_VALUE, TimeUnit.DAYS);
	}

}
