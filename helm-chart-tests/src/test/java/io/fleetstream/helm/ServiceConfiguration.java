package io.fleetstream.helm;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.convert.DurationStyle;

/**
 * The services' own configuration files as they are in the repository, so that the chart
 * is checked against what the services really do (ports, probe endpoints, shutdown
 * timeouts) rather than against the chart's own values.
 */
final class ServiceConfiguration {

	private ServiceConfiguration() {
	}

	/**
	 * {@code common/src/main/resources/fleet-defaults.yaml}: every service's defaults.
	 */
	static Map<String, Object> fleetDefaults() {
		return load(HelmChart.repository().resolve("common/src/main/resources/fleet-defaults.yaml"));
	}

	static Map<String, Object> load(Path file) {
		try (Reader reader = Files.newBufferedReader(file)) {
			return new Yaml().load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Map<String, Object> loadString(String yaml) {
		return new Yaml().load(yaml);
	}

	/** A dotted path in a loaded YAML tree, e.g. {@code management.server.port}. */
	static Object at(Map<String, Object> tree, String path) {
		Object current = tree;
		for (String part : path.split("\\.")) {
			if (!(current instanceof Map<?, ?> map) || !map.containsKey(part)) {
				throw new AssertionError("No " + path + " in the service configuration");
			}
			current = map.get(part);
		}
		return current;
	}

	static Duration duration(Map<String, Object> tree, String path) {
		return DurationStyle.detectAndParse(String.valueOf(at(tree, path)));
	}

}
