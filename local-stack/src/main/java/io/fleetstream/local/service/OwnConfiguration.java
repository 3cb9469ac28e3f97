package io.fleetstream.local.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Enumeration;

/**
 * Finds a service's own {@code application.yaml}. The local stack runs every service in
 * one JVM, on one class path where each service jar has an {@code application.yaml} at
 * its root; Spring Boot's default {@code classpath:application.yaml} would give every
 * service the first one found. Pointing {@code spring.config.location} at the file inside
 * the service's own jar (or classes directory) gives each exactly the configuration it
 * ships with, plus common's profile files under {@code classpath:/config/}.
 */
final class OwnConfiguration {

	static final String FILE = "application.yaml";

	private OwnConfiguration() {
	}

	/**
	 * The {@code spring.config.location} value that loads only {@code application}'s
	 * configuration.
	 */
	static String location(Class<?> application) {
		String home = root(application.getProtectionDomain().getCodeSource().getLocation().toString());
		try {
			Enumeration<URL> candidates = application.getClassLoader().getResources(FILE);
			while (candidates.hasMoreElements()) {
				String candidate = candidates.nextElement().toString();
				if (root(candidate.substring(0, candidate.length() - FILE.length())).equals(home)) {
					return "optional:classpath:/config/," + candidate;
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		throw new IllegalStateException("No " + FILE + " in " + home + " for " + application.getName());
	}

	/** {@code jar:file:/x.jar!/} and {@code file:/x.jar} are the same place. */
	static String root(String location) {
		String root = location.startsWith("jar:") ? location.substring(4) : location;
		if (root.endsWith("!/")) {
			root = root.substring(0, root.length() - 2);
		}
		return root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
	}

}
