package io.fleetstream.common;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code fleet-defaults.yaml} as the lowest-priority property source, so every
 * service shares the same operational defaults (at-least-once consumption, actuator
 * exposure, probes, graceful shutdown) while anything the service or the operator sets
 * wins.
 */
public class FleetDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String RESOURCE = "fleet-defaults.yaml";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		try {
			for (PropertySource<?> source : new YamlPropertySourceLoader().load("fleetDefaults",
					new ClassPathResource(RESOURCE))) {
				environment.getPropertySources().addLast(source);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + RESOURCE, ex);
		}
	}

	@Override
	public int getOrder() {
		// after the config data post-processor, so application.yaml stays above these
		return Ordered.LOWEST_PRECEDENCE;
	}

}
