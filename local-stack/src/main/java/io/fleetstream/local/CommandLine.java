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
 * properties ({@code -Dfleet.local.gps.cars=500}), which win over environment variables
 * ({@code FLEET_LOCAL_GPS_CARS=500}). Any other {@code --name=value} with a dot in the
 * name is handed to every service as a Spring Boot property
 * ({@code --fleet.ingest.geo-shards=4}).
 *
 * @param properties the local stack's settings
 * @param serviceArguments properties for the services, as command-line arguments
 */
public record CommandLine(LocalStackProperties properties, List<String> serviceArguments) {

	static final String PREFIX = "fleet.local.";

	private static final List<ShortOption> SHORT_OPTIONS = List.of(
			new ShortOption("cars", "gps.cars", "simulated cars (2000)"),
			new ShortOption("rate-hz", "gps.rate-hz", "fixes per car per second (1)"),
			new ShortOption("parked-share", "gps.parked-share", "share of cars that stay parked (0.05)"),
			new ShortOption("bad-record-rate", "gps.bad-record-rate",
					"share of fixes sent broken, to see the dead-letter topic (0)"),
			new ShortOption("seed", "gps.seed", "random seed, for the same fleet every run (none)"),
			new ShortOption("simulator", "gps.enabled", "run the GPS simulator (true)"),
			new ShortOption("kafka-port", "ports.kafka", "Kafka broker (9092)"),
			new ShortOption("redis-port", "ports.redis", "redis-server (6379)"),
			new ShortOption("http-port", "ports.http", "ingest-service API (8080)"),
			new ShortOption("management-port", "ports.management", "ingest-service actuator (8081)"));

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
		usage
			.append("  --fleet.local.<setting>  any local stack setting, e.g. --fleet.local.gps.topic=cars.gps.json\n");
		usage.append("  --<spring property>      handed to the services, e.g. --fleet.ingest.geo-shards=4\n");
		usage.append("A port that is not set falls back to a free one if taken; 0 means any free port.\n");
		usage.append("System properties (-Dfleet.local.gps.cars=500) and environment variables\n");
		usage.append("(FLEET_LOCAL_GPS_CARS=500) work too; options win over both.\n");
		return usage.toString();
	}

	private record ShortOption(String name, String property, String description) {
	}

}
