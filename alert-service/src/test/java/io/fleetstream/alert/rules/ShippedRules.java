package io.fleetstream.alert.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The rules alert-service ships, read from its own application.yaml, so the pure tests
 * drive exactly what runs.
 */
public final class ShippedRules {

	private ShippedRules() {
	}

	public static Map<String, RuleSettings> settings() {
		try {
			List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("shipped",
					new ClassPathResource("application.yaml"));
			return new Binder(ConfigurationPropertySources.from(sources.get(0)))
				.bind("fleet.alert.rules", Bindable.mapOf(String.class, RuleSettings.class))
				.get();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static RuleSet rules() {
		return new RuleSet(new RuleCompiler().compile(settings()));
	}

	public static Rule rule(String id) {
		return rules().find(id).orElseThrow(() -> new AssertionError("no shipped rule " + id));
	}

}
