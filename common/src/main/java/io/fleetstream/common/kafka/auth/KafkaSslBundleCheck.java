package io.fleetstream.common.kafka.auth;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.StringUtils;

/**
 * Loads the SSL bundles the Kafka clients are configured with once, at start-up. Spring
 * Boot hands a bundle to the Kafka clients, which read its certificates only when they
 * first connect: a missing or unreadable CA or key file would otherwise show up as
 * endless connection failures of a running service instead of a failed start naming the
 * file.
 */
class KafkaSslBundleCheck implements SmartInitializingSingleton {

	private final KafkaProperties properties;

	private final SslBundles bundles;

	KafkaSslBundleCheck(KafkaProperties properties, SslBundles bundles) {
		this.properties = properties;
		this.bundles = bundles;
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (String name : bundleNames()) {
			try {
				this.bundles.getBundle(name).createSslContext();
			}
			catch (RuntimeException ex) {
				throw new IllegalStateException("The SSL bundle '" + name + "' of the Kafka clients cannot be loaded: "
						+ ex.getMessage() + rootCauseOf(ex), ex);
			}
		}
	}

	private Set<String> bundleNames() {
		Set<String> names = new LinkedHashSet<>();
		Stream
			.of(this.properties.getSsl(), this.properties.getConsumer().getSsl(),
					this.properties.getProducer().getSsl(), this.properties.getAdmin().getSsl(),
					this.properties.getStreams().getSsl())
			.map(KafkaProperties.Ssl::getBundle)
			.filter(StringUtils::hasText)
			.forEach(names::add);
		return names;
	}

	private static String rootCauseOf(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return (root != ex) ? " (" + root + ")" : "";
	}

}
