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

	/**
	 * {@code <service>-service/src/main/resources/application.yaml}, as the image ships
	 * it.
	 */
	static Map<String, Object> application(String service) {
		return load(HelmChart.repository().resolve(service + "-service/src/main/resources/application.yaml"));
	}

	/**
	 * What the service runs with: its own application.yaml with the chart's ConfigMap
	 * over it (Spring's order: the additional location wins, key by key).
	 */
	static Map<String, Object> effective(String service, Map<String, Object> chartApplication) {
		return HelmChart.merge(application(service), chartApplication);
	}

	/** The main Java sources of {@code <service>-service}, concatenated. */
	static String mainSources(String service) {
		Path root = HelmChart.repository().resolve(service + "-service/src/main/java");
		try (java.util.stream.Stream<Path> files = Files.walk(root)) {
			StringBuilder sources = new StringBuilder();
			for (Path file : files.filter((f) -> f.toString().endsWith(".java")).sorted().toList()) {
				sources.append(Files.readString(file)).append('\n');
			}
			return sources.toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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
