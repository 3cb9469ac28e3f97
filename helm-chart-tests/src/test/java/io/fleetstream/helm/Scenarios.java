package io.fleetstream.helm;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chart's {@code ci/*-values.yaml} scenarios, each rendered once per test JVM (with
 * hooks) and shared by the test classes.
 */
final class Scenarios {

	private static final Map<Path, Manifests> RENDERED = new ConcurrentHashMap<>();

	private Scenarios() {
	}

	static List<Path> files() {
		return HelmChart.ciValuesFiles();
	}

	static Manifests rendered(Path valuesFile) {
		return RENDERED.computeIfAbsent(valuesFile, HelmChart::renderWithHooks);
	}

	static Manifests named(String fileName) {
		return rendered(HelmChart.directory().resolve("ci").resolve(fileName));
	}

	static Map<String, Object> values(Path valuesFile) {
		return HelmChart.merge(ServiceConfiguration.load(HelmChart.directory().resolve("values.yaml")),
				ServiceConfiguration.load(valuesFile));
	}

}
