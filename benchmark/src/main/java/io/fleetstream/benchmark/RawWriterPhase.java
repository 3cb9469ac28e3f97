package io.fleetstream.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.fleetstream.common.gps.GpsFix;

/**
 * (b) The raw ceiling: the same fixes written by the same position writer (same script,
 * pipelined per batch), with no Kafka and no parsing. Cars are split over the threads as
 * partitions are split over listener containers, so each car's fixes stay in order.
 */
final class RawWriterPhase {

	private final FleetDataset dataset;

	private final int threads;

	private final int batchSize;

	RawWriterPhase(FleetDataset dataset, int threads, int batchSize) {
		this.dataset = dataset;
		this.threads = threads;
		this.batchSize = batchSize;
	}

	/**
	 * @return the seconds it took to write every fix
	 */
	double run(FixWriter writer) throws Exception {
		List<int[]> shares = new ArrayList<>();
		for (int part = 0; part < this.threads; part++) {
			shares.add(this.dataset.share(part, this.threads));
		}
		ExecutorService executor = Executors.newFixedThreadPool(this.threads);
		try {
			long start = System.nanoTime();
			List<Future<?>> done = new ArrayList<>();
			for (int[] share : shares) {
				done.add(executor.submit(() -> writeInBatches(writer, share)));
			}
			for (Future<?> future : done) {
				future.get();
			}
			return (System.nanoTime() - start) / 1e9;
		}
		finally {
			executor.shutdown();
		}
	}

	private void writeInBatches(FixWriter writer, int[] records) {
		List<GpsFix> batch = new ArrayList<>(this.batchSize);
		for (int record : records) {
			batch.add(this.dataset.fix(record));
			if (batch.size() == this.batchSize) {
				writer.write(batch);
				batch = new ArrayList<>(this.batchSize);
			}
		}
		if (!batch.isEmpty()) {
			writer.write(batch);
		}
	}

}
