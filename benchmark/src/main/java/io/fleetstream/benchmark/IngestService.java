package io.fleetstream.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.fleetstream.devinfra.FreePorts;

/**
 * The real ingest-service, started from its executable jar as a separate JVM: the
 * deployable unit measured as it runs in production (its own heap, GC and JIT, its CPU
 * visible on its own), undisturbed by the harness's data set and producer. Its latency
 * histogram is read from {@code /actuator/prometheus} on the management port.
 */
final class IngestService extends ServiceJvm {

	/**
	 * Extra histogram buckets for {@code fleet.record.latency}, so that p50 and p99 are
	 * resolved to a millisecond or two where it matters (around the 50 ms target).
	 */
	private static final String LATENCY_BUCKETS = "1ms,2ms,3ms,4ms,5ms,6ms,7ms,8ms,9ms,10ms,12ms,14ms,16ms,18ms,"
			+ "20ms,22ms,24ms,26ms,28ms,30ms,33ms,36ms,40ms,45ms,50ms,55ms,60ms,70ms,80ms,90ms,100ms,120ms,150ms,"
			+ "200ms,250ms,300ms,400ms,500ms,750ms,1s,2s,5s,10s,20s,30s,60s";

	private IngestService(ChildJvm jvm, int managementPort) {
		super(jvm, managementPort, "ingest-service");
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

	void awaitHealthy(Duration timeout) {
		awaitHealth("/actuator/health", "healthy", timeout);
	}

	/**
	 * The jar {@code -Dbench.ingest-jar} names, else the one the Maven build left in
	 * {@code ingest-service/target}.
	 */
	static Path executableJar() {
		return executableJar("ingest-service", "bench.ingest-jar");
	}

}
