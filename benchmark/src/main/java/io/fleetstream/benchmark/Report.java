package io.fleetstream.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Prints the run's figures as they are measured, and keeps a copy in a file beside the
 * logs for docs/benchmark.md and README.
 */
final class Report {

	private final StringBuilder text = new StringBuilder();

	void line(String format, Object... args) {
		String line = String.format(Locale.ROOT, format, args);
		System.out.println(line);
		System.out.flush();
		this.text.append(line).append('\n');
	}

	void throughput(String title, ThroughputResult result) {
		line("%s", title);
		line("    %,d fixes in %.2f s = %,.0f fixes/s", result.fixes(), result.seconds(), result.fixesPerSecond());
		line("    %s", result.check().summary());
		line("    CPU cores used: %s", cores(result.cores()));
		line("    CPU time per fix: %s", perFix(result));
		result.notes().forEach((note) -> line("    %s", note));
	}

	void latency(SteadyLatencyPhase.Outcome outcome, int askedRate) {
		line("(d) record-to-Redis latency at a steady %,d fixes/s (event ts = now)", askedRate);
		line("    produced %,.0f fixes/s for %.1f s; largest consumer lag sampled: %,d records",
				outcome.producedPerSecond(), outcome.seconds(), outcome.maxLag());
		latencyLine("from event ts  ", outcome.fromEvent());
		latencyLine("from Kafka ts  ", outcome.fromBroker());
		line("    CPU cores used: %s", cores(outcome.cores()));
	}

	private void latencyLine(String label, LatencyHistogram histogram) {
		if (histogram.count() == 0) {
			line("    %s no records observed", label);
			return;
		}
		line("    %s p50 %.1f ms, p99 %.1f ms, max <= %.0f ms (%,d records%s)", label, histogram.quantileMs(0.5),
				histogram.quantileMs(0.99), histogram.maxBoundMs(), histogram.count(),
				(histogram.beyondLargestBucket() > histogram.count() / 1000)
						? String.format(Locale.ROOT, "; %,d beyond the largest bucket", histogram.beyondLargestBucket())
						: "");
	}

	static String cores(Map<String, Double> cores) {
		return cores.entrySet()
			.stream()
			.map((entry) -> String.format(Locale.ROOT, "%s %.2f", entry.getKey(), entry.getValue()))
			.collect(Collectors.joining(", "));
	}

	private static String perFix(ThroughputResult result) {
		return result.cores()
			.entrySet()
			.stream()
			.filter((entry) -> !entry.getKey().equals("others") && entry.getValue() >= 0.01)
			.map((entry) -> String.format(Locale.ROOT, "%s %.1f us", entry.getKey(),
					entry.getValue() * result.seconds() * 1e6 / result.fixes()))
			.collect(Collectors.joining(", "));
	}

	static String verdict(boolean met) {
		return met ? "MET" : "MISSED";
	}

	void save(Path file) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, this.text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
