package io.fleetstream.local.loadgen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Kafka producer settings for the load generator against a real cluster, from the same
 * auth profiles the services use (common's {@code config/application-<profile>.yaml}:
 * {@code msk-iam}, {@code kafka-tls}), so the simulator connects to a staging MSK cluster
 * exactly as the services do. With {@code kafka-tls} the JVM's default trust store is
 * used (it trusts MSK); client certificates are not supported here.
 */
final class KafkaClientSettings {

	static final List<String> PROFILES = List.of("none", "kafka-tls", "msk-iam");

	private KafkaClientSettings() {
	}

	/**
	 * @param bootstrapServers the brokers
	 * @param profile one of {@link #PROFILES}
	 * @param extra further producer settings ({@code --kafka.<name>=value}), winning over
	 * the profile's
	 */
	static Map<String, Object> producer(String bootstrapServers, String profile, Map<String, String> extra) {
		if (!PROFILES.contains(profile)) {
			throw new IllegalArgumentException("Unknown --auth=" + profile + "; use one of " + PROFILES);
		}
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("bootstrap.servers", bootstrapServers);
		if (!profile.equals("none")) {
			Binder binder = profileBinder(profile);
			binder.bind("spring.kafka.security.protocol", String.class)
				.ifBound((protocol) -> settings.put("security.protocol", protocol));
			binder.bind("spring.kafka.properties", Bindable.mapOf(String.class, String.class))
				.ifBound(settings::putAll);
		}
		settings.putAll(extra);
		return settings;
	}

	private static Binder profileBinder(String profile) {
		ClassPathResource file = new ClassPathResource("config/application-" + profile + ".yaml");
		try {
			StandardEnvironment environment = new StandardEnvironment();
			for (PropertySource<?> source : new YamlPropertySourceLoader().load(profile, file)) {
				environment.getPropertySources().addLast(source);
			}
			return Binder.get(environment);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
	}

}
