package io.fleetstream.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fleetstream.common.FleetProperties;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationStyle;

/**
 * How long a service may spend on the batch in flight when shutdown begins, from the
 * services' own settings. Every service's Redis write is bounded by the Redis command
 * timeout ({@code spring.data.redis.timeout} in fleet-defaults.yaml) and a dead-letter
 * publish by {@code fleet.kafka.dead-letter-send-timeout} (FleetProperties' default);
 * enrichment-service also waits for its enriched and schema-change publishes,
 * alert-service for its outlier-topic publish and one SNS publish with the SDK's retries.
 * <p>
 * enrichment-service's and alert-service's defaults are read from their sources: the
 * chart tests do not put those applications on their class path (each ships an
 * application.yaml, which would shadow ingest-service's in the dashboard test).
 */
final class ServiceTimeouts {

	private ServiceTimeouts() {
	}

	static Duration inFlightBatch(String service) {
		Duration redis = ServiceConfiguration.duration(ServiceConfiguration.fleetDefaults(),
				"spring.data.redis.timeout");
		Duration deadLetter = defaultOf(FleetProperties.Kafka.class, "deadLetterSendTimeout");
		Duration common = redis.plus(deadLetter);
		return switch (service) {
			case "ingest" -> common;
			case "enrichment" -> common
				.plus(sourceDefault("enrichment", "EnrichmentProperties.java", "TelemetrySettings", "publishTimeout"))
				.plus(sourceDefault("enrichment", "EnrichmentProperties.java", "SchemaSettings", "publishTimeout"));
			case "alert" -> common.plus(sourceDefault("alert", "episodes/EpisodeSettings.java", "publishTimeout"))
				.plus(sourceDefault("alert", "delivery/SnsSettings.java", "callTimeout"));
			default -> throw new IllegalArgumentException(service);
		};
	}

	/** The {@code @DefaultValue} of a configuration record's component. */
	static Duration defaultOf(Class<? extends Record> type, String name) {
		RecordComponent[] components = type.getRecordComponents();
		try {
			Constructor<?> canonical = type
				.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new));
			for (int i = 0; i < components.length; i++) {
				if (components[i].getName().equals(name)) {
					DefaultValue value = canonical.getParameters()[i].getAnnotation(DefaultValue.class);
					if (value == null) {
						throw new AssertionError(type.getSimpleName() + "." + name + " has no default");
					}
					return DurationStyle.detectAndParse(value.value()[0]);
				}
			}
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
		throw new AssertionError(type.getSimpleName() + " has no " + name);
	}

	/**
	 * The {@code @DefaultValue("...")} of a {@code Duration} record component in a
	 * service's settings source ({@code io/fleetstream/<service>/<file>}).
	 */
	static Duration sourceDefault(String service, String file, String component) {
		return sourceDefault(service, file, null, component);
	}

	/**
	 * The same, for a component of the record {@code record} declared in {@code file}
	 * (the first one after {@code record <name>(}), where several nested records have a
	 * component of that name.
	 */
	static Duration sourceDefault(String service, String file, String record, String component) {
		Path source = HelmChart.repository()
			.resolve(service + "-service/src/main/java/io/fleetstream/" + service + "/" + file);
		Pattern pattern = Pattern
			.compile("@DefaultValue\\(\"([^\"]+)\"\\)\\s*(?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*Duration\\s+"
					+ Pattern.quote(component) + "\\b");
		try {
			String text = Files.readString(source);
			int from = (record != null) ? text.indexOf("record " + record + "(") : 0;
			if (from < 0) {
				throw new AssertionError("No record " + record + " in " + source);
			}
			Matcher matcher = pattern.matcher(text);
			if (!matcher.find(from)) {
				throw new AssertionError("No Duration " + component + " with a @DefaultValue in " + source);
			}
			return DurationStyle.detectAndParse(matcher.group(1));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
