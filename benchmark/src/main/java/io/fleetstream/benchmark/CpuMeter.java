package io.fleetstream.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of each process of the run, and of the whole machine, from {@code /proc}: how
 * many cores the broker, Redis, ingest-service and the harness each used during a phase,
 * and how much everything else on the (shared) machine used meanwhile.
 */
final class CpuMeter {

	/** Linux's USER_HZ, the unit of /proc CPU times, is 100 on every common platform. */
	private static final double TICKS_PER_SECOND = 100;

	/** user, nice, system, irq, softirq of the {@code cpu} line of /proc/stat. */
	private static final int[] BUSY_FIELDS = { 1, 2, 3, 6, 7 };

	private final Map<String, Long> pids = new LinkedHashMap<>();

	void watch(String name, long pid) {
		this.pids.put(name, pid);
	}

	Snapshot snapshot() {
		Map<String, Long> ticks = new LinkedHashMap<>();
		this.pids.forEach((name, pid) -> ticks.put(name, processTicks(pid)));
		return new Snapshot(System.nanoTime(), ticks, machineBusyTicks());
	}

	private static long processTicks(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	private static long machineBusyTicks() {
		try {
			String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long busy = 0;
			for (int field : BUSY_FIELDS) {
				busy += Long.parseLong(cpu[field]);
			}
			return busy;
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/** CPU times at one instant. */
	record Snapshot(long nanoTime, Map<String, Long> processTicks, long machineBusyTicks) {

		/**
		 * Cores used by each process between {@code earlier} and this snapshot, plus
		 * {@code others}: the rest of the machine.
		 */
		Map<String, Double> coresSince(Snapshot earlier) {
			double seconds = (this.nanoTime - earlier.nanoTime) / 1e9;
			Map<String, Double> cores = new LinkedHashMap<>();
			long ours = 0;
			for (Map.Entry<String, Long> process : this.processTicks.entrySet()) {
				long used = process.getValue() - earlier.processTicks.getOrDefault(process.getKey(), 0L);
				ours += used;
				cores.put(process.getKey(), used / TICKS_PER_SECOND / seconds);
			}
			long machine = this.machineBusyTicks - earlier.machineBusyTicks;
			cores.put("others", Math.max(0, machine - ours) / TICKS_PER_SECOND / seconds);
			return cores;
		}

	}

}
