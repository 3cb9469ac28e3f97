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
 * The real ingest-service, started from its executable jar as a separate JVM: the
 * deployable unit measured as it runs in production (its own heap, GC and JIT, its CPU
 * visible on its own), undisturbed by the harness's data set and producer. Its latency
 * histogram is read from {@code /actuator/prometheus} on the management port.
 */
final class IngestService implements AutoCloseable {

	/**
	 * Extra histogram buckets for {@code fleet.record.latency}, so that p50 and p99 are
	 * resolved to a millisecond or two where it matters (around the 50 ms target).
	 */
	private static final String LATENCY_BUCKETS = "1ms,2ms,3ms,4ms,5ms,6ms,7ms,8ms,9ms,10ms,12ms,14ms,16ms,18ms,"
			+ "20ms,22ms,24ms,26ms,28ms,30ms,33ms,36ms,40ms,45ms,50ms,55ms,60ms,70ms,80ms,90ms,100ms,120ms,150ms,"
			+ "200ms,250ms,300ms,400ms,500ms,750ms,1s,2s,5s,10s,20s,30s,60s";

	private final ChildJvm jvm;

	private final int managementPort;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private IngestService(ChildJvm jvm, int managementPort) {
		this.jvm = jvm;
		this.managementPort = managementPort;
	}

	/** Starts the JVM; {@link #awaitHealthy} waits until it serves. */
	static IngestService launch(BenchmarkOptions options, String bootstrapServers, int redisPort, Path logDir) {
		return launch(options, bootstrapServers,
				List.of("--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redisPort),
				"ingest-service", logDir);
	}

	/**
	 * Starts the JVM with the given Redis connection arguments (a standalone server or
	 * {@code --spring.data.redis.cluster.nodes=...}), logging to {@code <name>.log}.
	 */
	static IngestService launch(BenchmarkOptions options, String bootstrapServers, List<String> redisArgs, String name,
			Path logDir) {
		int managementPort = FreePorts.find();
		List<String> jvmArgs = new ArrayList<>(List.of("-Xms" + options.ingestHeap(), "-Xmx" + options.ingestHeap()));
		jvmArgs.addAll(words(options.ingestJvmArgs()));
		List<String> args = new ArrayList<>(
				List.of("-jar", executableJar().toString(), "--spring.kafka.bootstrap-servers=" + bootstrapServers,
						"--server.port=0", "--management.server.port=" + managementPort,
						"--management.endpoints.web.exposure.include=health,prometheus",
						"--management.metrics.distribution.percentiles-histogram.fleet.record.latency=true",
						"--management.metrics.distribution.slo.fleet.record.latency=" + LATENCY_BUCKETS,
						"--spring.kafka.listener.concurrency=" + options.concurrency(),
						"--spring.kafka.consumer.max-poll-records=" + options.maxPollRecords(),
						// the dead-letter topic is the service's to create, as on any
						// fresh broker
						"--fleet.kafka.create-topics=true", "--fleet.kafka.default-partitions=" + options.partitions(),
						// the benchmark measures consumption; the API it does not call is
						// open
						"--fleet.security.open=true", "--fleet.ingest.geo-shards=" + options.geoShards()));
		args.addAll(redisArgs);
		args.addAll(words(options.ingestArgs()));
		ChildJvm jvm = ChildJvm.start(name, jvmArgs, args, logDir, null);
		return new IngestService(jvm, managementPort);
	}

	private static List<String> words(String text) {
		return text.isBlank() ? List.of() : Arrays.asList(text.trim().split("\\s+"));
	}

	/**
	 * The jar {@code -Dbench.ingest-jar} names, else the one the Maven build left in
	 * {@code ingest-service/target}.
	 */
	static Path executableJar() {
		String configured = System.getProperty("bench.ingest-jar");
		if (configured != null) {
			return Path.of(configured);
		}
		try (Stream<Path> files = Files.list(Path.of("ingest-service", "target"))) {
			return files.filter((file) -> file.getFileName().toString().endsWith("-exec.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException(
						"No ingest-service/target/*-exec.jar: build with ./mvnw -pl benchmark -am package"));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Run from the repository root, or set -Dbench.ingest-jar", ex);
		}
	}

	void awaitHealthy(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			this.jvm.ensureAlive();
			try {
				if (get("/actuator/health").statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Pause.millis(250);
		}
		throw new IllegalStateException("ingest-service not healthy within " + timeout + ", see " + this.jvm.log());
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
			throw new IllegalStateException("Could not scrape ingest-service metrics", ex);
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
