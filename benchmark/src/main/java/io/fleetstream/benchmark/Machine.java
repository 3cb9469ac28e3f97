package io.fleetstream.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What the figures were measured on: they mean little without the machine, the date and
 * how busy the machine was.
 */
final class Machine {

	private Machine() {
	}

	static String describe() {
		return String.format("%s, %d cores (%s), %d GiB, Java %s, %s", Instant.now().truncatedTo(ChronoUnit.SECONDS),
				Runtime.getRuntime().availableProcessors(), cpuModel(), memoryGib(), System.getProperty("java.version"),
				System.getProperty("os.name") + " " + System.getProperty("os.version"));
	}

	static String loadAverage() {
		try {
			String[] load = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return load[0] + " " + load[1] + " " + load[2] + " (1, 5, 15 min)";
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static String cpuModel() {
		try {
			return Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse("unknown CPU");
		}
		catch (IOException ex) {
			return "unknown CPU";
		}
	}

	private static long memoryGib() {
		try {
			String total = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\D", "");
			return Math.round(Long.parseLong(total) / 1024.0 / 1024.0);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

}
