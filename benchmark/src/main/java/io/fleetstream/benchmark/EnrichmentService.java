package io.fleetstream.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import io.fleetstream.devinfra.FreePorts;

/**
 * The real enrichment-service, started from its executable jar as a separate JVM (as
 * {@link IngestService} is): its own heap, GC and JIT, its CPU visible on its own. It
 * runs with its own application.yaml (topics, routes, the range assignor); the harness
 * sets only the infrastructure, the consumer sizes and the latency buckets.
 */
final class EnrichmentService implements AutoCloseable {

	/**
	 * {@code fleet.record.latency} buckets resolved to a few ms around the 100 ms target.
	 */
	private static final String LATENCY_BUCKETS = "1ms,2ms,3ms,4ms,5ms,6ms,7ms,8ms,9ms,10ms,12ms,14ms,16ms,18ms,"
			+ "20ms,22ms,24ms,26ms,28ms,30ms,33ms,36ms,40ms,45ms,50ms,55ms,60ms,65ms,70ms,75ms,80ms,85ms,90ms,95ms,"
			+ "100ms,110ms,120ms,150ms,200ms,250ms,300ms,400ms,500ms,750ms,1s,2s,5s,10s,20s,30s,60s";

	private final ChildJvm jvm;

	private final int managementPort;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private EnrichmentService(ChildJvm jvm, int managementPort) {
		this.jvm = jvm;
		this.managementPort = managementPort;
	}

	static EnrichmentService launch(JoinOptions options, String bootstrapServers, int redisPort, Path logDir) {
		int managementPort = FreePorts.find();
		List<String> jvmArgs = new ArrayList<>(List.of("-Xms" + options.serviceHeap(), "-Xmx" + options.serviceHeap()));
		jvmArgs.addAll(words(options.serviceJvmArgs()));
		List<String> args = new ArrayList<>(
				List.of("-jar", executableJar().toString(), "--spring.kafka.bootstrap-servers=" + bootstrapServers,
						"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redisPort,
						"--server.port=0", "--management.server.port=" + managementPort,
						"--management.endpoints.web.exposure.include=health,prometheus",
						"--management.metrics.distribution.percentiles-histogram.fleet.record.latency=true",
						"--management.metrics.distribution.slo.fleet.record.latency=" + LATENCY_BUCKETS,
						"--fleet.routes.telemetry.consumer.concurrency=" + options.concurrency(),
						"--fleet.routes.telemetry.consumer.max-poll-records=" + options.maxPollRecords(),
						// the enriched, schema-change and dead-letter topics are the
						// service's to
						// create, as on any fresh broker
						"--fleet.kafka.create-topics=true", "--fleet.kafka.default-partitions=" + options.partitions(),
						// the benchmark measures the join; the API it does not call is
						// open
						"--fleet.security.open=true"));
		args.addAll(words(options.serviceArgs()));
		return new EnrichmentService(ChildJvm.start("enrichment-service", jvmArgs, args, logDir, null), managementPort);
	}

	private static List<String> words(String text) {
		return text.isBlank() ? List.of() : Arrays.asList(text.trim().split("\\s+"));
	}

	/**
	 * The jar {@code -Dbench.enrichment-jar} names, else the one the Maven build left in
	 * {@code enrichment-service/target}.
	 */
	static Path executableJar() {
		String configured = System.getProperty("bench.enrichment-jar");
		if (configured != null) {
			return Path.of(configured);
		}
		try (Stream<Path> files = Files.list(Path.of("enrichment-service", "target"))) {
			return files.filter((file) -> file.getFileName().toString().endsWith("-exec.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException(
						"No enrichment-service/target/*-exec.jar: build with ./mvnw -pl benchmark -am package"));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Run from the repository root, or set -Dbench.enrichment-jar", ex);
		}
	}

	/**
	 * Waits until readiness is UP: the snapshot is loaded and the telemetry route
	 * started.
	 */
	void awaitReady(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			this.jvm.ensureAlive();
			try {
				if (get("/actuator/health/readiness").statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Pause.millis(250);
		}
		throw new IllegalStateException("enrichment-service not ready within " + timeout + ", see " + this.jvm.log());
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
			throw new IllegalStateException("Could not scrape enrichment-service metrics", ex);
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
