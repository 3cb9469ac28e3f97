package io.fleetstream.alert.benchmark;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark's pre-serialised records are byte for byte the records it formatted field
 * by field before ({@link AlertLatencyBenchmark#record}), for every kind of update.
 */
class RecordTemplatesTests {

	private static final int[][] CHANGES = { { 23, 24, 25, 26 }, { 27, 28 }, { 27 }, { 1 }, { 22, 10 }, { 5, 5, 14 },
			{} };

	@Test
	void aPatchedTemplateIsTheRecordFormattedFieldByField() {
		AlertLatencyBenchmark.RecordTemplates templates = new AlertLatencyBenchmark.RecordTemplates();
		Random random = new Random(3);
		for (int i = 0; i < 2000; i++) {
			String car = String.format("bench-car-%06d", random.nextInt(1_000_000));
			long eventTime = 1_764_000_000_000L + random.nextLong(100_000_000_000L);
			boolean crash = random.nextBoolean();
			int[] changed = CHANGES[random.nextInt(CHANGES.length)];
			assertThat(templates.record(car, eventTime, crash, changed))
				.isEqualTo(AlertLatencyBenchmark.record(car, eventTime, crash, changed));
		}
	}

	@Test
	void anotherWidthIsFormattedFieldByField() {
		AlertLatencyBenchmark.RecordTemplates templates = new AlertLatencyBenchmark.RecordTemplates();
		int[] gps = CHANGES[0];
		assertThat(templates.record("bench-car-1234567", 1_764_000_000_000L, false, gps))
			.isEqualTo(AlertLatencyBenchmark.record("bench-car-1234567", 1_764_000_000_000L, false, gps));
		assertThat(templates.record("bench-car-000001", 1_000_000_001_000L, true, gps))
			.isEqualTo(AlertLatencyBenchmark.record("bench-car-000001", 1_000_000_001_000L, true, gps));
	}

}
