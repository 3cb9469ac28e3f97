package io.fleetstream.enrichment.snapshot;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The snapshot's meters (docs/snapshot.md, "Metrics"). */
class SnapshotMetrics {

	/** Control operations tagged by name; any other is tagged {@code other}. */
	static final Set<String> CONTROL_OPERATIONS = Set.of("create-table", "drop-table", "add-column", "drop-column",
			"change-columns", "rename-table", "rename-column", "column-type-change");

	private final MeterRegistry registry;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	private final AtomicLong loadMillis = new AtomicLong();

	private final AtomicInteger offsetsRecorded = new AtomicInteger(1);

	SnapshotMetrics(MeterRegistry registry, SnapshotStore store) {
		this.registry = registry;
		Gauge.builder("fleet.snapshot.cars", store, SnapshotStore::cars)
			.description("Cars in this instance's snapshot (cars with a car row)")
			.register(registry);
		Gauge.builder("fleet.snapshot.devices", store, SnapshotStore::devices)
			.description("Device rows in this instance's snapshot")
			.register(registry);
		Gauge.builder("fleet.snapshot.load.duration", this.loadMillis, (millis) -> millis.get() / 1000.0)
			.baseUnit("seconds")
			.description("How long this instance took to load the snapshot from Redis at start-up")
			.register(registry);
		Gauge.builder("fleet.snapshot.offsets.recorded", this.offsetsRecorded, AtomicInteger::get)
			.description("1 while this instance records its CDC progress in Redis; 0 once the snapshot in Redis was "
					+ "reset under it (restart it to rebuild)")
			.register(registry);
	}

	void applied(CdcRecord record) {
		counter("fleet.snapshot.cdc.applied", "CDC row changes applied to this instance's snapshot", record)
			.increment();
	}

	void stale(CdcRecord record) {
		counter("fleet.snapshot.cdc.stale",
				"CDC row changes ignored: older than the version held for their row (or its deletion)", record)
			.increment();
	}

	void control(String operation) {
		String tag = CONTROL_OPERATIONS.contains(operation) ? operation : "other";
		this.counters
			.computeIfAbsent("control\n" + tag,
					(key) -> Counter.builder("fleet.snapshot.cdc.control")
						.description("DMS control records (logged, never applied as data)")
						.tag("operation", tag)
						.register(this.registry))
			.increment();
	}

	void loaded(long millis) {
		this.loadMillis.set(millis);
	}

	void offsetsRecorded(boolean recorded) {
		this.offsetsRecorded.set(recorded ? 1 : 0);
	}

	private Counter counter(String name, String description, CdcRecord record) {
		String table = record.table().prefix();
		String operation = record.operation().wireName();
		return this.counters.computeIfAbsent(name + '\n' + table + '\n' + operation,
				(key) -> Counter.builder(name)
					.description(description)
					.tags("table", table, "operation", operation)
					.register(this.registry));
	}

}
