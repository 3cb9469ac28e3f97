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
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import io.fleetstream.common.gps.GpsFix;
import io.fleetstream.devinfra.FreePorts;

/**
 * (r) The REST API under load, with the pipeline idle: the fleet's newest fixes (and the
 * two rounds before, so tracks are not empty) written by ingest-service's own position
 * writer, then a fresh ingest-service JVM (its route on an empty topic, API open, no rate
 * limit) serving {@code clients} concurrent closed-loop clients a mix of small searches
 * (0.5-2 km, limit 10-50), large searches (50 km, limit 1000), by-id reads and fleet
 * summaries. Reports req/s, p50 and p99 per kind, failures, the service's CPU and its RSS
 * before the load and after it. Settings: {@code -Dbench.rest-clients} (50),
 * {@code -Dbench.rest-seconds} (30, 5 with {@code --quick}),
 * {@code -Dbench.rest-warmup-seconds} (30, 5 with {@code --quick}) and
 * {@code -Dbench.rest-mix} (percent small,large,by-id,summary: 60,5,25,10).
 */
final class RestApiPhase {

	enum Kind {

		SMALL("small search (0.5-2 km, limit 10-50)"), LARGE("large search (50 km, limit 1000)"), BY_ID("by-id read"),
		SUMMARY("fleet summary");

		final String label;

		Kind(String label) {
			this.label = label;
		}

	}

	private static final int ROUNDS = 3;

	private final BenchmarkOptions options;

	private final CpuMeter cpu;

	private final int clients = Integer.getInteger("bench.rest-clients", 50);

	private final int seconds;

	private final int warmupSeconds;

	private final int[] mix;

	RestApiPhase(BenchmarkOptions options, CpuMeter cpu) {
		this.options = options;
		this.cpu = cpu;
		this.seconds = Integer.getInteger("bench.rest-seconds", Math.min(30, options.steadySeconds()));
		// a fresh JVM on 2 cores is still JIT-compiling the request path for tens of
		// seconds
		// (C1 + C2 took ~0.8 of a core 45 s after start): a short warm-up measures the
		// compiler
		this.warmupSeconds = Integer.getInteger("bench.rest-warmup-seconds", (options.steadySeconds() < 30) ? 5 : 30);
		this.mix = Arrays.stream(System.getProperty("bench.rest-mix", "60,5,25,10").split(","))
			.mapToInt((part) -> Integer.parseInt(part.trim()))
			.toArray();
	}

	void run(FleetDataset fleet, String bootstrapServers, int redisPort, Path logDir, Report report) {
		preload(fleet, redisPort);
		int apiPort = FreePorts.find();
		int managementPort = FreePorts.find();
		try (ChildJvm service = launch(bootstrapServers, redisPort, apiPort, managementPort, logDir)) {
			HttpClient http = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(5))
				.build();
			awaitServing(service, http, managementPort);
			this.cpu.watch("ingest-service (API)", service.pid());
			long rssBefore = rssKb(service.pid());
			load(http, apiPort, fleet, this.warmupSeconds);
			CpuMeter.Snapshot start = this.cpu.snapshot();
			Results results = load(http, apiPort, fleet, this.seconds);
			CpuMeter.Snapshot end = this.cpu.snapshot();
			long rssAfter = rssKb(service.pid());
			report.line(
					"(r) REST API: %,d cars, %d concurrent clients, %d s measured after %d s warm-up, "
							+ "pipeline idle, mix %% small,large,by-id,summary = %s",
					fleet.cars(), this.clients, this.seconds, this.warmupSeconds, Arrays.toString(this.mix));
			for (Kind kind : Kind.values()) {
				report.line("    %-38s %,8.0f req/s  p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms  %d failed%s", kind.label,
						results.count(kind) / (double) this.seconds, results.quantileMs(kind, 0.50),
						results.quantileMs(kind, 0.99), results.quantileMs(kind, 1.0), results.failed(kind),
						results.statuses(kind));
			}
			report.line(
					"    all: %,.0f req/s; ingest-service RSS %,d MB before the load, %,d MB after (-Xmx%s); "
							+ "cores: %s",
					results.total() / (double) this.seconds, rssBefore / 1024, rssAfter / 1024,
					this.options.ingestHeap(), Report.cores(end.coresSince(start)));
		}
	}

	/**
	 * The last {@link #ROUNDS} rounds of the data set, so every car has its newest fix.
	 */
	private void preload(FleetDataset fleet, int redisPort) {
		int from = Math.max(0, fleet.size() - ROUNDS * fleet.cars());
		try (FixWriter writer = IngestWriters.create(redisPort, this.options)) {
			List<GpsFix> batch = new ArrayList<>();
			for (int i = from; i < fleet.size(); i++) {
				batch.add(fleet.fix(i));
				if (batch.size() == 2_000) {
					writer.write(batch);
					batch = new ArrayList<>();
				}
			}
			if (!batch.isEmpty()) {
				writer.write(batch);
			}
		}
	}

	private ChildJvm launch(String bootstrapServers, int redisPort, int apiPort, int managementPort, Path logDir) {
		List<String> jvmArgs = List.of("-Xms" + this.options.ingestHeap(), "-Xmx" + this.options.ingestHeap());
		List<String> args = new ArrayList<>(List.of("-jar", IngestService.executableJar().toString(),
				"--spring.kafka.bootstrap-servers=" + bootstrapServers, "--spring.data.redis.host=127.0.0.1",
				"--spring.data.redis.port=" + redisPort, "--server.port=" + apiPort,
				"--management.server.port=" + managementPort,
				// the pipeline idle: its route consumes a topic nothing is produced to
				"--fleet.routes.gps.topics=bench.rest.idle", "--fleet.kafka.create-topics=true",
				"--fleet.security.open=true", "--fleet.security.rate-limit.enabled=false",
				"--fleet.ingest.geo-shards=" + this.options.geoShards()));
		String extra = this.options.ingestArgs().trim();
		if (!extra.isEmpty()) {
			args.addAll(Arrays.asList(extra.split("\\s+")));
		}
		return ChildJvm.start("ingest-service-rest", jvmArgs, args, logDir, null);
	}

	private static void awaitServing(ChildJvm service, HttpClient http, int managementPort) {
		long deadline = System.nanoTime() + Duration.ofMinutes(8).toNanos();
		while (System.nanoTime() < deadline) {
			service.ensureAlive();
			try {
				HttpResponse<Void> health = http
					.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/health"))
						.timeout(Duration.ofSeconds(5))
						.build(), HttpResponse.BodyHandlers.discarding());
				if (health.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			Pause.millis(250);
		}
		throw new IllegalStateException("ingest-service (API) not healthy within 8 min, see " + service.log());
	}

	private Results load(HttpClient http, int apiPort, FleetDataset fleet, int durationSeconds) {
		long end = System.nanoTime() + Duration.ofSeconds(durationSeconds).toNanos();
		List<Thread> threads = new ArrayList<>();
		List<Results> perClient = new ArrayList<>();
		for (int c = 0; c < this.clients; c++) {
			Results results = new Results();
			perClient.add(results);
			SplittableRandom random = new SplittableRandom(1000L + c);
			Thread thread = new Thread(() -> {
				while (System.nanoTime() < end) {
					Kind kind = pick(random);
					String uri = "http://127.0.0.1:" + apiPort + target(kind, random, fleet);
					long started = System.nanoTime();
					int status;
					try {
						status = http
							.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30)).build(),
									HttpResponse.BodyHandlers.ofByteArray())
							.statusCode();
					}
					catch (IOException ex) {
						status = -1;
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
					results.record(kind, System.nanoTime() - started, status);
				}
			}, "rest-client-" + c);
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		Results all = new Results();
		perClient.forEach(all::add);
		return all;
	}

	private Kind pick(SplittableRandom random) {
		int roll = random.nextInt(Arrays.stream(this.mix).sum());
		for (int i = 0; i < this.mix.length; i++) {
			roll -= this.mix[i];
			if (roll < 0) {
				return Kind.values()[i];
			}
		}
		return Kind.SUMMARY;
	}

	/**
	 * Search centres anywhere in the fleet's area (Seoul, as {@link SeoulDrive} drives).
	 */
	private static String target(Kind kind, SplittableRandom random, FleetDataset fleet) {
		double lat = random.nextDouble(37.45, 37.68);
		double lng = random.nextDouble(126.85, 127.15);
		return switch (kind) {
			case SMALL -> String.format(Locale.ROOT, "/api/v1/vehicles?lat=%.5f&lng=%.5f&radiusM=%d&limit=%d", lat, lng,
					random.nextInt(500, 2001), random.nextInt(10, 51));
			case LARGE ->
				String.format(Locale.ROOT, "/api/v1/vehicles?lat=%.5f&lng=%.5f&radiusM=50000&limit=1000", lat, lng);
			case BY_ID -> "/api/v1/vehicles/" + fleet.carId(random.nextInt(fleet.cars()));
			case SUMMARY -> "/api/v1/fleet/summary";
		};
	}

	/** The resident set size of a process in kB, from {@code /proc/<pid>/status}. */
	private static long rssKb(long pid) {
		try {
			return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))
				.stream()
				.filter((line) -> line.startsWith("VmRSS:"))
				.mapToLong((line) -> Long.parseLong(line.replaceAll("\\D", "")))
				.findFirst()
				.orElse(-1);
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/** Latencies (nanoseconds) and statuses per kind. */
	private static final class Results {

		private final Map<Kind, long[]> latencies = new EnumMap<>(Kind.class);

		private final Map<Kind, Integer> counts = new EnumMap<>(Kind.class);

		private final Map<Kind, Map<Integer, Integer>> failures = new EnumMap<>(Kind.class);

		void record(Kind kind, long nanos, int status) {
			int count = this.counts.getOrDefault(kind, 0);
			long[] values = this.latencies.computeIfAbsent(kind, (k) -> new long[1024]);
			if (count == values.length) {
				values = Arrays.copyOf(values, count * 2);
				this.latencies.put(kind, values);
			}
			values[count] = nanos;
			this.counts.put(kind, count + 1);
			if (status != 200) {
				this.failures.computeIfAbsent(kind, (k) -> new TreeMap<>()).merge(status, 1, Integer::sum);
			}
		}

		void add(Results other) {
			other.counts.forEach((kind, count) -> {
				long[] values = other.latencies.get(kind);
				for (int i = 0; i < count; i++) {
					record(kind, values[i], 200);
				}
			});
			other.failures.forEach((kind, statuses) -> statuses.forEach((status,
					n) -> this.failures.computeIfAbsent(kind, (k) -> new TreeMap<>()).merge(status, n, Integer::sum)));
		}

		int count(Kind kind) {
			return this.counts.getOrDefault(kind, 0);
		}

		long total() {
			return this.counts.values().stream().mapToLong(Integer::longValue).sum();
		}

		int failed(Kind kind) {
			return this.failures.getOrDefault(kind, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
		}

		String statuses(Kind kind) {
			Map<Integer, Integer> statuses = this.failures.get(kind);
			return (statuses == null) ? "" : " " + statuses + " (status: count; -1 = no answer)";
		}

		double quantileMs(Kind kind, double q) {
			int count = count(kind);
			if (count == 0) {
				return Double.NaN;
			}
			long[] sorted = Arrays.copyOf(this.latencies.get(kind), count);
			Arrays.sort(sorted);
			int index = Math.min(count - 1, (int) Math.ceil(q * count) - 1);
			return sorted[Math.max(0, index)] / 1e6;
		}

	}

}
