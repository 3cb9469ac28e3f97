package io.fleetstream.alert.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * Reads rules from a YAML file ({@code fleet.alert.rules-file}, e.g. a mounted ConfigMap)
 * in the shape of the configuration: {@code rules: {<id>: {condition: ...}}}.
 */
public final class RulesFile {

	private RulesFile() {
	}

	/**
	 * The configured rules with the file's merged over them (a rule of the same id is
	 * replaced as a whole).
	 * @throws IllegalStateException when the file is missing or not YAML
	 */
	public static Map<String, RuleSettings> merge(Map<String, RuleSettings> configured, String file) {
		Map<String, RuleSettings> merged = new LinkedHashMap<>(configured);
		if (file == null || file.isBlank()) {
			return merged;
		}
		Path path = Path.of(file);
		if (!Files.isReadable(path)) {
			throw new IllegalStateException("fleet.alert.rules-file '" + file + "' is not a readable file");
		}
		try {
			List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("rules-file",
					new FileSystemResource(path));
			for (PropertySource<?> source : sources) {
				new Binder(ConfigurationPropertySources.from(source))
					.bind("rules", Bindable.mapOf(String.class, RuleSettings.class))
					.ifBound(merged::putAll);
			}
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException("fleet.alert.rules-file '" + file + "' cannot be read: " + ex.getMessage(),
					ex);
		}
		return merged;
	}

}
