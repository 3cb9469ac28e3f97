package io.fleetstream.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Reads the local stack's options. Short options ({@code --cars=500}) and
 * {@code --fleet.local.*} set {@link LocalStackProperties}; they win over system
 * properties ({@code -Dfleet.local.simulator.cars=500}), which win over environment
 * variables ({@code FLEET_LOCAL_SIMULATOR_CARS=500}). Any other {@code --name=value} with
 * a dot in the name is handed to every service as a Spring Boot property
 * ({@code --fleet.ingest.geo-shards=4}).
 *
 * @param properties the local stack's settings
 * @param serviceArguments properties for the services, as command-line arguments
 */
public record CommandLine(LocalStackProperties properties, List<String> serviceArguments) {

	static final String PREFIX = "fleet.local.";

	private static final List<ShortOption> SHORT_OPTIONS = List.of(
			new ShortOption("cars", "simulator.cars", "simulated cars (2000)"),
			new ShortOption("rate-hz", "simulator.rate-hz", "fixes per driving car per second (1)"),
			new ShortOption("parked-share", "simulator.parked-share", "share of cars parked at the start (0.4)"),
			new ShortOption("incidents-per-minute", "simulator.incidents-per-minute",
					"scripted incidents per minute, every kind in turn (2)"),
			new ShortOption("bad-record-rate", "simulator.bad-record-rate",
					"share of records sent broken, to see the dead-letter topics (0)"),
			new ShortOption("duplicate-rate", "simulator.duplicate-rate", "share of fixes sent twice (0)"),
			new ShortOption("out-of-order-rate", "simulator.out-of-order-rate",
					"share of fixes sent after the next one (0)"),
			new ShortOption("seed", "simulator.seed", "random seed, for the same fleet every run (none)"),
			new ShortOption("simulator", "simulator.enabled", "run the fleet simulator (true)"),
			new ShortOption("kafka-port", "ports.kafka", "Kafka broker (9092)"),
			new ShortOption("redis-port", "ports.redis", "redis-server (6379)"),
			new ShortOption("http-port", "ports.http", "ingest-service API (8080)"),
			new ShortOption("management-port", "ports.management", "ingest-service actuator (8081)"),
			new ShortOption("enrichment-port", "ports.enrichment", "enrichment-service API, actuator +1 (8082)"),
			new ShortOption("alert-port", "ports.alert", "alert-service API, actuator +1 (8084)"));

	public static CommandLine parse(String... args) {
		Map<String, Object> local = new LinkedHashMap<>();
		List<String> serviceArguments = new ArrayList<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 3) {
				throw new IllegalArgumentException("Expected --name=value, got '" + arg + "'\n\n" + usage());
			}
			String name = arg.substring(2, equals);
			String value = arg.substring(equals + 1);
			ShortOption option = SHORT_OPTIONS.stream().filter((o) -> o.name().equals(name)).findFirst().orElse(null);
			if (option != null) {
				local.put(PREFIX + option.property(), value);
			}
			else if (name.startsWith(PREFIX)) {
				local.put(name, value);
			}
			else if (name.contains(".")) {
				serviceArguments.add(arg);
			}
			else {
				throw new IllegalArgumentException("Unknown option --" + name + "\n\n" + usage());
			}
		}
		return new CommandLine(bind(local), List.copyOf(serviceArguments));
	}

	private static LocalStackProperties bind(Map<String, Object> options) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("commandLineOptions", options));
		try {
			return Binder.get(environment).bindOrCreate("fleet.local", LocalStackProperties.class);
		}
		catch (BindException ex) {
			Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
			throw new IllegalArgumentException("Invalid " + ex.getName() + ": " + cause.getMessage(), ex);
		}
	}

	public static String usage() {
		StringBuilder usage = new StringBuilder("Options, as --name=value (defaults in brackets):\n");
		for (ShortOption option : SHORT_OPTIONS) {
			usage.append(String.format("  --%-17s %s%n", option.name(), option.description()));
		}
		usage.append(
				"  --fleet.local.<setting>  any local stack setting, e.g. --fleet.local.simulator.topics.gps=cars.gps.json\n");
		usage.append("  --<spring property>      handed to the services, e.g. --fleet.ingest.geo-shards=4\n");
		usage.append("A port that is not set falls back to a free one if taken; 0 means any free port.\n");
		usage.append("System properties (-Dfleet.local.simulator.cars=500) and environment variables\n");
		usage.append("(FLEET_LOCAL_SIMULATOR_CARS=500) work too; options win over both.\n");
		return usage.toString();
	}

	private record ShortOption(String name, String property, String description) {
	}

}
