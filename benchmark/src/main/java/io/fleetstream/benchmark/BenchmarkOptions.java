package io.fleetstream.benchmark;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one benchmark run does. The defaults are the sizes issue 2 asks for; every value
 * can be set as {@code --name=value} or as a {@code -Dbench.name=value} system property,
 * and {@code --quick} shrinks everything to a smoke run of seconds.
 *
 * @param cars cars in the fleet (one record key each)
 * @param fixes fixes pre-filled into the topic for (a), (b) and (c)
 * @param naiveFixes how many of those fixes the per-record consumers (c) and (f) process
 * (they are too slow for all of them)
 * @param partitions partitions of the GPS topic
 * @param concurrency listener containers in ingest-service
 * @param maxPollRecords the consumer's {@code max.poll.records}, i.e. the largest batch
 * @param rawThreads writer threads of the raw ceiling (b), as many as listener containers
 * @param rawBatch fixes per write in (b); by default {@code maxPollRecords}, the batch
 * the listener gets from a full poll
 * @param steadyRate fixes per second produced in the latency phase (d)
 * @param steadyWarmupSeconds seconds at that rate before (d) starts measuring
 * @param steadySeconds seconds (d) measures
 * @param ingestHeap the ingest-service JVM's heap ({@code -Xmx})
 * @param ingestJvmArgs extra JVM options for ingest-service (e.g. a JFR recording),
 * separated by spaces
 * @param ingestArgs extra Spring Boot arguments for ingest-service, separated by spaces
 * @param topic the GPS topic
 * @param phases which phases to run, e.g. {@code abcdefr} (all, the default) or
 * {@code b}; (d) needs (a), which starts ingest-service; (r) is the REST API under load
 * ({@link RestApiPhase}); (k), not in the default, drains the topic again into a local
 * Redis Cluster ({@link ClusterSpreadPhase})
 * @param geoShards ingest-service's {@code fleet.ingest.geo-shards}, also used by the
 * harness to find and check the stored positions
 */
public record BenchmarkOptions(int cars, int fixes, int naiveFixes, int partitions, int concurrency, int maxPollRecords,
		int rawThreads, int rawBatch, int steadyRate, int steadyWarmupSeconds, int steadySeconds, String ingestHeap,
		String ingestJvmArgs, String ingestArgs, String topic, int geoShards, String phases) {

	static BenchmarkOptions parse(String[] args) {
		Map<String, String> values = new HashMap<>();
		boolean quick = false;
		for (String arg : args) {
			if (arg.equals("--quick")) {
				quick = true;
			}
			else if (arg.startsWith("--") && arg.contains("=")) {
				values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
			}
			else {
				throw new IllegalArgumentException("Unknown argument '" + arg + "' (expected --quick or --name=value)");
			}
		}
		Settings settings = new Settings(values);
		int maxPollRecords = settings.integer("max-poll-records", 2_000);
		return new BenchmarkOptions(settings.integer("cars", quick ? 2_000 : 20_000),
				settings.integer("fixes", quick ? 100_000 : 2_000_000),
				settings.integer("naive-fixes", quick ? 10_000 : 200_000), settings.integer("partitions", 4),
				settings.integer("concurrency", 2), maxPollRecords, settings.integer("raw-threads", 2),
				settings.integer("raw-batch", maxPollRecords), settings.integer("steady-rate", 20_000),
				settings.integer("steady-warmup-seconds", quick ? 2 : 10),
				settings.integer("steady-seconds", quick ? 5 : 60), settings.text("ingest-heap", "1g"),
				settings.text("ingest-jvm-args", ""), settings.text("ingest-args", ""),
				settings.text("topic", "cars.gps.json"), settings.integer("geo-shards", 16),
				phasesWithPrerequisites(settings.text("phases", "abcdefr")));
	}

	private static String phasesWithPrerequisites(String phases) {
		return phases.contains("d") && !phases.contains("a") ? "a" + phases : phases;
	}

	/**
	 * The {@code fleet.ingest.*} settings ingest-service runs with, for the writer the
	 * harness creates itself: the geo shards and any {@code --fleet.ingest.*} in
	 * {@link #ingestArgs}.
	 */
	Map<String, String> ingestSettings() {
		Map<String, String> settings = new HashMap<>();
		settings.put("fleet.ingest.geo-shards", String.valueOf(this.geoShards));
		for (String arg : this.ingestArgs.trim().split("\\s+")) {
			if (arg.startsWith("--fleet.ingest.") && arg.contains("=")) {
				settings.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
			}
		}
		return settings;
	}

	boolean runs(char phase) {
		return this.phases.indexOf(phase) >= 0;
	}

	List<String> describe() {
		return List.of(
				"phases=" + this.phases + " cars=" + this.cars + " fixes=" + this.fixes + " naive-fixes="
						+ this.naiveFixes,
				"topic=" + this.topic + " geo-shards=" + this.geoShards + " partitions=" + this.partitions
						+ " concurrency=" + this.concurrency + " max-poll-records=" + this.maxPollRecords,
				"raw-threads=" + this.rawThreads + " raw-batch=" + this.rawBatch,
				"steady-rate=" + this.steadyRate + "/s warmup=" + this.steadyWarmupSeconds + "s measured="
						+ this.steadySeconds + "s",
				"ingest-heap=" + this.ingestHeap + " ingest-jvm-args=[" + this.ingestJvmArgs + "] ingest-args=["
						+ this.ingestArgs + "]");
	}

	private record Settings(Map<String, String> args) {

		int integer(String name, int fallback) {
			return Integer.parseInt(text(name, String.valueOf(fallback)).replace("_", ""));
		}

		String text(String name, String fallback) {
			String value = this.args.get(name);
			return (value != null) ? value : System.getProperty("bench." + name, fallback);
		}

	}

}
