package io.fleetstream.benchmark;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one join benchmark run does ({@link JoinBenchmarkMain}). Every value can be set as
 * {@code --name=value} or {@code -Dbench.name=value}; {@code --quick} shrinks the run to
 * a smoke test of a minute or two.
 *
 * @param cars cars in the fleet (snapshot entries and record keys)
 * @param records telemetry records (GPS and status) pre-filled for the drain and the raw
 * writes
 * @param partitions partitions of each telemetry topic (co-partitioned by car id)
 * @param concurrency consumer threads of the telemetry route
 * @param maxPollRecords the consumer's {@code max.poll.records}, the largest batch
 * @param rawThreads writer threads of the raw phase, as many as consumer threads
 * @param steadyRate records per second in the latency phase
 * @param steadyWarmupSeconds seconds at that rate before measuring
 * @param steadySeconds seconds measured
 * @param serviceHeap enrichment-service's {@code -Xmx}
 * @param serviceJvmArgs extra JVM options for enrichment-service (e.g. a JFR recording)
 * @param serviceArgs extra Spring Boot arguments for enrichment-service
 */
record JoinOptions(int cars, int records, int partitions, int concurrency, int maxPollRecords, int rawThreads,
		int steadyRate, int steadyWarmupSeconds, int steadySeconds, String serviceHeap, String serviceJvmArgs,
		String serviceArgs) {

	static JoinOptions parse(String[] args) {
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
		int concurrency = integer(values, "concurrency", 2);
		return new JoinOptions(integer(values, "cars", quick ? 2_000 : 20_000),
				integer(values, "records", quick ? 100_000 : 2_000_000), integer(values, "partitions", 4), concurrency,
				integer(values, "max-poll-records", 500), integer(values, "raw-threads", concurrency),
				integer(values, "steady-rate", 20_000), integer(values, "steady-warmup-seconds", quick ? 5 : 20),
				integer(values, "steady-seconds", quick ? 10 : 60), text(values, "service-heap", "1g"),
				text(values, "service-jvm-args", ""), text(values, "service-args", ""));
	}

	private static int integer(Map<String, String> values, String name, int fallback) {
		return Integer.parseInt(text(values, name, String.valueOf(fallback)).replace("_", ""));
	}

	private static String text(Map<String, String> values, String name, String fallback) {
		String value = values.get(name);
		return (value != null) ? value : System.getProperty("bench." + name, fallback);
	}

	List<String> describe() {
		return List
			.of("cars=" + this.cars + " records=" + this.records + " partitions=" + this.partitions + " concurrency="
					+ this.concurrency + " max-poll-records=" + this.maxPollRecords + " raw-threads=" + this.rawThreads,
					"steady-rate=" + this.steadyRate + "/s warmup=" + this.steadyWarmupSeconds + "s measured="
							+ this.steadySeconds + "s",
					"service-heap=" + this.serviceHeap + " service-jvm-args=[" + this.serviceJvmArgs
							+ "] service-args=[" + this.serviceArgs + "]");
	}

}
