package io.fleetstream.helm;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The chart in {@code helm/fleetstream}, rendered in-process by helm-java (the Helm
 * library inside the jar) as {@code helm template} would, and parsed into fabric8's typed
 * Kubernetes objects (custom resources such as ServiceMonitor become generic resources).
 */
final class HelmChart {

	static final String RELEASE = "fleet";

	static final String NAMESPACE = "fleetstream";

	private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

	private HelmChart() {
	}

	static Path repository() {
		return Path.of(System.getProperty("fleet.repository.dir", "..")).toAbsolutePath().normalize();
	}

	static Path directory() {
		return repository().resolve("helm/fleetstream");
	}

	/** Every {@code ci/*-values.yaml} scenario of the chart. */
	static List<Path> ciValuesFiles() {
		try (Stream<Path> files = Files.list(directory().resolve("ci"))) {
			List<Path> found = files.filter((file) -> file.getFileName().toString().endsWith("-values.yaml"))
				.sorted()
				.toList();
			if (found.isEmpty()) {
				throw new IllegalStateException("No ci/*-values.yaml in " + directory());
			}
			return found;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** {@code helm template} with the chart's values and then these files', in order. */
	static String template(Path... valuesFiles) {
		return template(Map.of(), valuesFiles);
	}

	/** {@code helm template -f ... --set key=value ...}. */
	static String template(Map<String, Object> set, Path... valuesFiles) {
		TemplateCommand command = new Helm(directory()).template().withName(RELEASE).withNamespace(NAMESPACE);
		for (Path valuesFile : valuesFiles) {
			command.withValuesFile(valuesFile);
		}
		set.forEach(command::set);
		return command.call();
	}

	static Manifests render(Path valuesFile) {
		return new Manifests(valuesFile.getFileName().toString(), parse(template(valuesFile)));
	}

	/** The NOTES.txt helm prints after an install (a client-only dry run). */
	static String notes(Map<String, Object> set, Path valuesFile) {
		InstallCommand install = new Helm(directory()).install()
			.withName(RELEASE)
			.withNamespace(NAMESPACE)
			.clientOnly()
			.withDryRunOption(DryRun.CLIENT)
			.withValuesFile(valuesFile);
		set.forEach(install::set);
		String output = install.call().getOutput();
		return output.substring(output.indexOf("NOTES:"));
	}

	/**
	 * Like {@link #render} but with the chart's hooks (the topic set-up Job): helm-java's
	 * template returns the release manifest, which leaves hooks out, so this renders a
	 * copy of the chart whose hook annotations are removed.
	 */
	static Manifests renderWithHooks(Path valuesFile) {
		Path copy = copyOfChart();
		try (Stream<Path> files = Files.walk(copy.resolve("templates"))) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				List<String> lines = Files.readAllLines(file);
				Files.write(file, lines.stream().filter((line) -> !line.contains("helm.sh/hook")).toList());
			}
			String manifests = new Helm(copy).template()
				.withName(RELEASE)
				.withNamespace(NAMESPACE)
				.withValuesFile(valuesFile)
				.call();
			return new Manifests(valuesFile.getFileName().toString(), parse(manifests));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			delete(copy);
		}
	}

	/**
	 * {@code helm lint --strict -f valuesFile}: helm-java's lint takes no values file, so
	 * the values are merged into a copy of the chart's values.yaml the way Helm merges
	 * them (maps recursively, anything else replaced, null removes the key).
	 */
	static LintResult lint(Path valuesFile) {
		Path copy = copyOfChart();
		try {
			Map<String, Object> merged = merge(load(copy.resolve("values.yaml")), load(valuesFile));
			DumperOptions options = new DumperOptions();
			options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
			Files.writeString(copy.resolve("values.yaml"), new Yaml(options).dump(merged));
			return new Helm(copy).lint().strict().call();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			delete(copy);
		}
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
		Map<String, Object> merged = new LinkedHashMap<>(base);
		override.forEach((key, value) -> {
			if (value == null) {
				merged.remove(key);
			}
			else if (value instanceof Map<?, ?> map && merged.get(key) instanceof Map<?, ?> current) {
				merged.put(key, merge((Map<String, Object>) current, (Map<String, Object>) map));
			}
			else {
				merged.put(key, value);
			}
		});
		return merged;
	}

	private static Map<String, Object> load(Path file) throws IOException {
		Map<String, Object> loaded = new Yaml().load(Files.readString(file));
		return (loaded != null) ? loaded : Map.of();
	}

	private static Path copyOfChart() {
		try {
			Path target = Files.createTempDirectory("fleetstream-chart").resolve("fleetstream");
			try (Stream<Path> files = Files.walk(directory())) {
				for (Path source : files.toList()) {
					Files.copy(source, target.resolve(directory().relativize(source).toString()));
				}
			}
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void delete(Path copy) {
		try (Stream<Path> files = Files.walk(copy.getParent())) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<HasMetadata> parse(String manifests) {
		Object parsed = SERIALIZATION.unmarshal(new ByteArrayInputStream(manifests.getBytes(StandardCharsets.UTF_8)));
		List<HasMetadata> resources = new ArrayList<>();
		if (parsed instanceof List<?> list) {
			list.forEach((item) -> resources.add((HasMetadata) item));
		}
		else if (parsed != null) {
			resources.add((HasMetadata) parsed);
		}
		return resources;
	}

}
