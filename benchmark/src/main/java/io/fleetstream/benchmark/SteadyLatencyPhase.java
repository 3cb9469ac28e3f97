package io.fleetstream.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * (d) Record-to-Redis latency under a steady live load: fixes with event time = now are
 * produced at the asked rate; after a warm-up, ingest-service's own
 * {@code fleet.record.latency} histogram is scraped before and after the measured window,
 * and the difference is the distribution of exactly the records written in it.
 */
final class SteadyLatencyPhase {

	private final BenchmarkOptions options;

	private final KafkaTopics topics;

	private final CpuMeter cpu;

	SteadyLatencyPhase(BenchmarkOptions options, KafkaTopics topics, CpuMeter cpu) {
		this.options = options;
		this.topics = topics;
		this.cpu = cpu;
	}

	/** Runs the load; the two scrapes are saved in {@code logDir} for inspection. */
	Outcome run(FleetDataset fleet, String bootstrapServers, IngestService service, String group, Path logDir)
			throws IOException {
		long maxLag = 0;
		try (SteadyLoad load = new SteadyLoad(FixProducer.forSteadyRate(bootstrapServers, this.options.topic(),
				Integer.getInteger("bench.steady-linger-ms", 5)), fleet, this.options.steadyRate())
			.start()) {
			Pause.millis(this.options.steadyWarmupSeconds() * 1000L);
			String before = service.scrapeMetrics();
			long sentBefore = load.sent();
			CpuMeter.Snapshot start = this.cpu.snapshot();
			long deadline = start.nanoTime() + this.options.steadySeconds() * 1_000_000_000L;
			while (System.nanoTime() < deadline) {
				Pause.millis(Math.min(1000, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
				service.ensureAlive();
				maxLag = Math.max(maxLag, this.topics.endOffsetSum(this.options.topic())
						- this.topics.committedSum(group, this.options.topic()));
			}
			String after = service.scrapeMetrics();
			Files.writeString(logDir.resolve("metrics-before-d.txt"), before);
			Files.writeString(logDir.resolve("metrics-after-d.txt"), after);
			long sentAfter = load.sent();
			CpuMeter.Snapshot end = this.cpu.snapshot();
			double seconds = (end.nanoTime() - start.nanoTime()) / 1e9;
			return new Outcome((sentAfter - sentBefore) / seconds, seconds, maxLag,
					LatencyHistogram.parse(after, "event").since(LatencyHistogram.parse(before, "event")),
					LatencyHistogram.parse(after, "broker").since(LatencyHistogram.parse(before, "broker")),
					end.coresSince(start));
		}
	}

	/**
	 * @param producedPerSecond the achieved produce rate in the measured window
	 * @param seconds the measured window
	 * @param maxLag the largest consumer lag sampled (about once a second)
	 * @param fromEvent latency from the fix's event time
	 * @param fromBroker latency from the Kafka record timestamp
	 * @param cores cores each process used meanwhile
	 */
	record Outcome(double producedPerSecond, double seconds, long maxLag, LatencyHistogram fromEvent,
			LatencyHistogram fromBroker, Map<String, Double> cores) {
	}

}
