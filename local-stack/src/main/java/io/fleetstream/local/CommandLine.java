package io.fleetstream.local;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Reads the local stack's options. Short options ({@code --cars=500}) and
 * {@code --fleet.local.*} set {@link LocalStackProperties}; they win over system
 * properties ({@code -Dfleet.local.gps.cars=500}), which win over environment variables
 * ({@code FLEET_LOCAL_GPS_CARS=500}). Any other {@code --name=value} is handed to every
 * service as a Spring Boot property ({@code --fleet.ingest.geo-shards=4}).
 *
 * @param properties the local stack's settings
 * @param serviceArguments properties for the services, as command-line arguments
 */
public record CommandLine(LocalStackProperties properties, List<String> serviceArguments) {

	static final String PREFIX = "fleet.local.";

	static final Map<String, String> SHORT_OPTIONS = shortOptions();

	public static CommandLine parse(String... args) {
		Map<String, Object> local = new LinkedHashMap<>();
		List<String> serviceArguments = new ArrayList<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 3) {
				throw new IllegalArgumentException("Expected --name=value, got '" + arg + "'\n" + usage());
			}
			String name = arg.substring(2, equals);
			String value = arg.substring(equals + 1);
			if (SHORT_OPTIONS.containsKey(name)) {
				local.put(SHORT_OPTIONS.get(name), value);
			}
			else if (name.startsWith(PREFIX)) {
				local.put(name, value);
			}
			else if (name.contains(".")) {
				serviceArguments.add(arg);
			}
			else {
				throw new IllegalArgumentException("Unknown option --" + name + "\n" + usage());
			}
		}
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("commandLineOptions", local));
		LocalStackProperties properties = Binder.get(environment)
			.bindOrCreate("fleet.local", LocalStackProperties.class);
		return new CommandLine(properties, List.copyOf(serviceArguments));
	}

	public static String usage() {
		StringBuilder usage = new StringBuilder("Options (--name=value):\n");
		SHORT_OPTIONS.forEach((option, property) -> usage.append(String.format("  --%-18s %s%n", option, property)));
		usage.append("  --fleet.local.*=...  any local stack setting\n");
		usage.append("  --<spring property>  handed to the services, e.g. --fleet.ingest.geo-shards=4\n");
		return usage.toString();
	}

	private static Map<String, String> shortOptions() {
		Map<String, String> options = new LinkedHashMap<>();
		options.put("cars", PREFIX + "gps.cars");
		options.put("rate-hz", PREFIX + "gps.rate-hz");
		options.put("parked-share", PREFIX + "gps.parked-share");
		options.put("bad-record-rate", PREFIX + "gps.bad-record-rate");
		options.put("seed", PREFIX + "gps.seed");
		options.put("simulator", PREFIX + "gps.enabled");
		options.put("kafka-port", PREFIX + "ports.kafka");
		options.put("redis-port", PREFIX + "ports.redis");
		options.put("http-port", PREFIX + "ports.http");
		options.put("management-port", PREFIX + "ports.management");
		return Collections.unmodifiableMap(options);
	}

}
