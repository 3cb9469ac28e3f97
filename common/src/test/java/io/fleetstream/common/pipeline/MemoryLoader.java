package io.fleetstream.common.pipeline;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.fleetstream.common.pipeline.LoadRecord;
import io.fleetstream.common.pipeline.LoadResult;
import io.fleetstream.common.pipeline.RecordLoader;

/** Keeps every record it is given; a test can make it fail or wait before it writes. */
class MemoryLoader implements RecordLoader<String> {

	private final String name;

	final List<LoadRecord<String>> written = new CopyOnWriteArrayList<>();

	final List<String> threads = new CopyOnWriteArrayList<>();

	volatile Consumer<List<LoadRecord<String>>> beforeWrite = (records) -> {
	};

	MemoryLoader(String name) {
		this.name = name;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public Class<String> valueType() {
		return String.class;
	}

	@Override
	public LoadResult load(List<LoadRecord<String>> records) {
		this.beforeWrite.accept(records);
		this.threads.add(Thread.currentThread().getName());
		this.written.addAll(records);
		return LoadResult.allWritten();
	}

	List<String> values() {
		return this.written.stream().map(LoadRecord::value).toList();
	}

}
