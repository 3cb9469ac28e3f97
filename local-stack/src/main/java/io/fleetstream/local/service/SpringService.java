package io.fleetstream.local.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fleetstream.local.LocalComponent;

import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A FleetStream Spring Boot service run in the local stack's JVM, configured through the
 * standard properties ({@code spring.kafka.*}, {@code spring.data.redis.*},
 * {@code server.port}, ...) passed as command-line arguments, so they win over the
 * service's own {@code application.yaml} just as they would in a deployment.
 * <p>
 * The service registers no shutdown hook of its own: the local stack stops it, after the
 * simulators and before Redis and the broker, so its last batch is written and committed.
 */
public final class SpringService implements LocalComponent {

	private final String name;

	private final Class<?> application;

	private final Map<String, String> properties;

	private final List<String> extraArguments;

	private final int httpPort;

	private final int managementPort;

	private final List<String> paths;

	private final List<String> managementPaths;

	private ConfigurableApplicationContext context;

	/**
	 * @param properties the service's connection and port settings
	 * @param extraArguments {@code --name=value} arguments given to the local stack for
	 * the services; they win over {@code properties}
	 * @param paths API paths worth trying, shown in the banner
	 * @param managementPaths actuator paths worth trying
	 */
	SpringService(String name, Class<?> application, Map<String, String> properties, List<String> extraArguments,
			int httpPort, int managementPort, List<String> paths, List<String> managementPaths) {
		this.name = name;
		this.application = application;
		this.properties = properties;
		this.extraArguments = extraArguments;
		this.httpPort = httpPort;
		this.managementPort = managementPort;
		this.paths = paths;
		this.managementPaths = managementPaths;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public void start() {
		this.context = new SpringApplicationBuilder(this.application).main(this.application)
			.bannerMode(Banner.Mode.OFF)
			.registerShutdownHook(false)
			.run(arguments());
	}

	@Override
	public void stop() {
		if (this.context != null) {
			this.context.close();
			this.context = null;
		}
	}

	public int httpPort() {
		return this.httpPort;
	}

	public int managementPort() {
		return this.managementPort;
	}

	/** The running service's application context, for tests. */
	public ConfigurableApplicationContext context() {
		return this.context;
	}

	@Override
	public String address() {
		return baseUrl(this.httpPort) + "  (management " + baseUrl(this.managementPort) + ")";
	}

	@Override
	public List<String> urlsToTry() {
		List<String> urls = new ArrayList<>();
		this.paths.forEach((path) -> urls.add(baseUrl(this.httpPort) + path));
		this.managementPaths.forEach((path) -> urls.add(baseUrl(this.managementPort) + path));
		return urls;
	}

	String[] arguments() {
		Map<String, String> merged = new LinkedHashMap<>(this.properties);
		merged.put("logging.register-shutdown-hook", "false");
		merged.put("logging.include-application-name", "false");
		for (String argument : this.extraArguments) {
			int equals = argument.indexOf('=');
			merged.put(argument.substring(2, equals), argument.substring(equals + 1));
		}
		return merged.entrySet().stream().map((e) -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
	}

	private static String baseUrl(int port) {
		return "http://localhost:" + port;
	}

}
