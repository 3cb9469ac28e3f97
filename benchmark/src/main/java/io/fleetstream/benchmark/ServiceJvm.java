package io.fleetstream.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * A FleetStream service started from its executable jar as a separate JVM (its own heap,
 * GC and JIT, its CPU visible on its own), watched through its management port: what
 * {@link IngestService} and {@link EnrichmentService} share; each adds only the arguments
 * it starts its service with.
 */
abstract class ServiceJvm implements AutoCloseable {

	private final ChildJvm jvm;

	private final int managementPort;

	private final String service;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	ServiceJvm(ChildJvm jvm, int managementPort, String service) {
		this.jvm = jvm;
		this.managementPort = managementPort;
		this.service = service;
	}

	/**
	 * The jar {@code -D<property>} names, else the one the Maven build left in
	 * {@code <module>/target}.
	 */
	static Path executableJar(String module, String property) {
		String configured = System.getProperty(property);
		if (configured != null) {
			return Path.of(configured);
		}
		try (Stream<Path> files = Files.list(Path.of(module, "target"))) {
			return files.filter((file) -> file.getFileName().toString().endsWith("-exec.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException(
						"No " + module + "/target/*-exec.jar: build with ./mvnw -pl benchmark -am package"));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Run from the repository root, or set -D" + property, ex);
		}
	}

	/** A space-separated option value (extra JVM or service arguments) as arguments. */
	static List<String> words(String text) {
		return text.isBlank() ? List.of() : Arrays.asList(text.trim().split("\\s+"));
	}

	/**
	 * Waits until the management port answers 200 on {@code healthPath}, failing early if
	 * the JVM dies.
	 */
	void awaitHealth(String healthPath, String state, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			this.jvm.ensureAlive();
			try {
				if (get(healthPath).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Pause.millis(250);
		}
		throw new IllegalStateException(
				this.service + " not " + state + " within " + timeout + ", see " + this.jvm.log());
	}

	/** The current Prometheus exposition. */
	String scrapeMetrics() {
		try {
			HttpResponse<String> response = get("/actuator/prometheus");
			if (response.statusCode() != 200) {
				throw new IllegalStateException("/actuator/prometheus answered " + response.statusCode());
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not scrape " + this.service + " metrics", ex);
		}
	}

	private HttpResponse<String> get(String path) throws IOException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + path))
			.timeout(Duration.ofSeconds(5))
			.build();
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	void ensureAlive() {
		this.jvm.ensureAlive();
	}

	long pid() {
		return this.jvm.pid();
	}

	Path log() {
		return this.jvm.log();
	}

	@Override
	public void close() {
		this.jvm.close();
	}

}
