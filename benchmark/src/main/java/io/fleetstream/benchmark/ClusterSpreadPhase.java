package io.fleetstream.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;

import io.fleetstream.devinfra.RedisClusterProcess;
import io.fleetstream.ingest.position.PackedPosition;
import io.fleetstream.ingest.position.PositionKeys;

/**
 * (k) The same drain as (a), into a real Redis Cluster of {@code -Dbench.cluster-masters}
 * primaries (3) on this machine: how the {@code {shard}}-tagged keys spread the writes
 * over the primaries. A fresh ingest-service with its own consumer group reads the whole
 * pre-filled topic; for every primary the phase reports its share of the script calls, of
 * the script time and of the keys, and the CPU it used. On one 2-core machine the
 * primaries share the same cores, so the total rate is not a cluster's capacity: the
 * spread is what this phase shows. Every car's newest fix is verified through a cluster
 * client.
 */
final class ClusterSpreadPhase {

	static final String GROUP = "fleetstream-ingest-cluster";

	private final BenchmarkOptions options;

	private final KafkaTopics topics;

	private final CpuMeter cpu;

	private final int masters = Integer.getInteger("bench.cluster-masters", 3);

	ClusterSpreadPhase(BenchmarkOptions options, KafkaTopics topics, CpuMeter cpu) {
		this.options = options;
		this.topics = topics;
		this.cpu = cpu;
	}

	void run(FleetDataset fleet, String bootstrapServers, Path logDir, Report report) {
		long records = this.topics.endOffsetSum(this.options.topic());
		try (RedisClusterProcess cluster = RedisClusterProcess.start(this.masters)) {
			List<Node> nodes = new ArrayList<>();
			for (int port : cluster.ports()) {
				nodes.add(new Node(port));
			}
			try {
				for (Node node : nodes) {
					this.cpu.watch("redis " + node.port, node.pid());
				}
				List<String> redisArgs = List.of("--spring.data.redis.cluster.nodes=" + cluster.nodes(),
						"--fleet.routes.gps.consumer.group-id=" + GROUP);
				try (IngestService service = IngestService.launch(this.options, bootstrapServers, redisArgs,
						"ingest-service-cluster", logDir)) {
					this.cpu.watch("ingest-service (cluster)", service.pid());
					service.awaitHealthy(Duration.ofSeconds(Long.getLong("bench.ingest-start-seconds", 120)));
					CpuMeter.Snapshot start = this.cpu.snapshot();
					long committed = 0;
					while (committed < records) {
						service.ensureAlive();
						Pause.millis(100);
						committed = this.topics.committedSum(GROUP, this.options.topic());
					}
					CpuMeter.Snapshot end = this.cpu.snapshot();
					double seconds = (end.nanoTime() - start.nanoTime()) / 1e9;
					report.line("(k) Redis Cluster: the drain of (a) into %d primaries on this machine (%,d fixes)",
							this.masters, records);
					report.line(
							"    %,d fixes in %.2f s = %,.0f fixes/s (from ingest-service healthy to the last commit)",
							records, seconds, records / seconds);
					report(nodes, end.coresSince(start), records, report);
					PositionCheck check = verify(cluster, fleet);
					report.line("    verified: %s",
							(check.matching() == check.cars()) ? "all " + check.cars() + " cars hold their newest fix"
									: (check.cars() - check.matching()) + " of " + check.cars()
											+ " cars do not hold their newest fix " + check.examples());
				}
			}
			finally {
				nodes.forEach(Node::close);
			}
		}
	}

	private void report(List<Node> nodes, Map<String, Double> cores, long records, Report report) {
		long totalCalls = 0;
		double totalUsec = 0;
		long totalKeys = 0;
		List<long[]> calls = new ArrayList<>();
		for (Node node : nodes) {
			Map<String, long[]> stats = node.commandStats();
			long[] evalsha = stats.getOrDefault("evalsha", new long[2]);
			// the script's time includes the commands it calls (which INFO counts again)
			long usec = evalsha[1];
			long keys = node.dbSize();
			calls.add(new long[] { evalsha[0], usec, keys });
			totalCalls += evalsha[0];
			totalUsec += usec;
			totalKeys += keys;
		}
		for (int i = 0; i < nodes.size(); i++) {
			long[] node = calls.get(i);
			report.line(
					"    primary :%d  script calls %,7d (%4.1f%%)  script time %6.2f s (%4.1f%%)  keys %,7d (%4.1f%%)  "
							+ "cores %.2f",
					nodes.get(i).port, node[0], 100.0 * node[0] / Math.max(1, totalCalls), node[1] / 1e6,
					100.0 * node[1] / Math.max(1, totalUsec), node[2], 100.0 * node[2] / Math.max(1, totalKeys),
					cores.getOrDefault("redis " + nodes.get(i).port, 0.0));
		}
		report.line("    Redis script time per fix, all primaries: %.2f us; ingest-service %.2f cores, others %.2f",
				totalUsec / records, cores.getOrDefault("ingest-service (cluster)", 0.0),
				cores.getOrDefault("others", 0.0));
	}

	private PositionCheck verify(RedisClusterProcess cluster, FleetDataset fleet) {
		PositionKeys keys = new PositionKeys(this.options.geoShards());
		RedisClusterClient client = RedisClusterClient.create("redis://127.0.0.1:" + cluster.ports().get(0));
		try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
			RedisAdvancedClusterAsyncCommands<String, String> async = connection.async();
			List<String> carIds = IntStream.range(0, fleet.cars()).mapToObj(fleet::carId).toList();
			List<RedisFuture<String>> replies = new ArrayList<>(carIds.size());
			for (String carId : carIds) {
				replies.add(async.hget(keys.positions(keys.shardOf(carId)), carId));
			}
			long[] expected = fleet.newestTs(fleet.size());
			int matching = 0;
			List<String> examples = new ArrayList<>();
			for (int car = 0; car < carIds.size(); car++) {
				String value = replies.get(car).get(30, TimeUnit.SECONDS);
				long stored = (value != null) ? PackedPosition.decode(value).ts() : -1;
				if (stored == expected[car]) {
					matching++;
				}
				else if (examples.size() < 5) {
					examples.add(carIds.get(car) + " stored ts " + stored + ", newest produced " + expected[car]);
				}
			}
			return new PositionCheck(carIds.size(), matching, List.copyOf(examples));
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not verify the positions in the cluster", ex);
		}
		finally {
			client.shutdown();
		}
	}

	/** One primary, read directly (not through the cluster) for its own statistics. */
	private static final class Node implements AutoCloseable {

		final int port;

		private final RedisClient client;

		private final StatefulRedisConnection<String, String> connection;

		Node(int port) {
			this.port = port;
			this.client = RedisClient.create("redis://127.0.0.1:" + port);
			this.connection = this.client.connect();
		}

		long pid() {
			return Long.parseLong(field(this.connection.sync().info("server"), "process_id"));
		}

		long dbSize() {
			return this.connection.sync().dbsize();
		}

		/** Per command: calls and total microseconds. */
		Map<String, long[]> commandStats() {
			Map<String, long[]> stats = new LinkedHashMap<>();
			for (String line : this.connection.sync().info("commandstats").split("\r?\n")) {
				if (line.startsWith("cmdstat_")) {
					String[] nameAndValues = line.substring("cmdstat_".length()).split(":", 2);
					long calls = Long.parseLong(field(nameAndValues[1].replace(',', '\n').replace('=', ':'), "calls"));
					long usec = Long.parseLong(field(nameAndValues[1].replace(',', '\n').replace('=', ':'), "usec"));
					stats.put(nameAndValues[0], new long[] { calls, usec });
				}
			}
			return stats;
		}

		private static String field(String info, String name) {
			for (String line : info.split("\r?\n")) {
				if (line.startsWith(name + ":")) {
					return line.substring(name.length() + 1).trim();
				}
			}
			throw new IllegalStateException("No " + name + " in " + info);
		}

		@Override
		public void close() {
			this.connection.close();
			this.client.shutdown();
		}

	}

}
