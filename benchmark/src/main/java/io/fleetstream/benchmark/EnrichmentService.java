package io.fleetstream.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.fleetstream.devinfra.FreePorts;

/**
 * The real enrichment-service, started from its executable jar as a separate JVM (as
 * {@link IngestService} is): its own heap, GC and JIT, its CPU visible on its own. It
 * runs with its own application.yaml (topics, routes, the range assignor); the harness
 * sets only the infrastructure, the consumer sizes and the latency buckets.
 */
final class EnrichmentService extends ServiceJvm {

	/**
	 * {@code fleet.record.latency} buckets resolved to a few ms around the 100 ms target.
	 */
	private static final String LATENCY_BUCKETS = "1ms,2ms,3ms,4ms,5ms,6ms,7ms,8ms,9ms,10ms,12ms,14ms,16ms,18ms,"
			+ "20ms,22ms,24ms,26ms,28ms,30ms,33ms,36ms,40ms,45ms,50ms,55ms,60ms,65ms,70ms,75ms,80ms,85ms,90ms,95ms,"
			+ "100ms,110ms,120ms,150ms,200ms,250ms,300ms,400ms,500ms,750ms,1s,2s,5s,10s,20s,30s,60s";

	private EnrichmentService(ChildJvm jvm, int managementPort) {
		super(jvm, managementPort, "enrichment-service");
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
						// service's to create, as on any fresh broker
						"--fleet.kafka.create-topics=true", "--fleet.kafka.default-partitions=" + options.partitions(),
						// the benchmark measures the join; the API it does not call is
						// open
						"--fleet.security.open=true"));
		args.addAll(words(options.serviceArgs()));
		return new EnrichmentService(ChildJvm.start("enrichment-service", jvmArgs, args, logDir, null), managementPort);
	}

	/**
	 * Waits until readiness is UP: the snapshot is loaded and the telemetry route
	 * started.
	 */
	void awaitReady(Duration timeout) {
		awaitHealth("/actuator/health/readiness", "ready", timeout);
	}

	/**
	 * The jar {@code -Dbench.enrichment-jar} names, else the one the Maven build left in
	 * {@code enrichment-service/target}.
	 */
	static Path executableJar() {
		return executableJar("enrichment-service", "bench.enrichment-jar");
	}

}
