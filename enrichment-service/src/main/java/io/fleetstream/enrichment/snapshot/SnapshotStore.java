package io.fleetstream.enrichment.snapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The whole snapshot in memory, the {@link CarSnapshots} the telemetry join reads: the
 * car and device rows with their versions (and the versions of deleted rows), which car
 * each device is in, and every car's merged attributes ready to hand out. The CDC route's
 * thread writes ({@link #apply}, {@link #replaceAll}, under one lock); telemetry threads
 * read {@link #referenceOf} without locking: the attributes are immutable and published
 * through a concurrent map.
 */
public class SnapshotStore implements CarSnapshots {

	private final String joinColumn;

	private final Interner interner = new Interner();

	private final Map<String, Attributes> references = new ConcurrentHashMap<>();

	private final Map<String, Row> cars = new HashMap<>();

	private final Map<String, Row> devices = new HashMap<>();

	private final Map<String, String[]> devicesOfCar = new HashMap<>();

	private final Map<String, RowVersion> deletedCars = new HashMap<>();

	private final Map<String, RowVersion> deletedDevices = new HashMap<>();

	private volatile int carCount;

	private volatile int deviceCount;

	public SnapshotStore(String joinColumn) {
		this.joinColumn = joinColumn;
	}

	@Override
	public Map<String, Object> referenceOf(String carId) {
		Attributes attributes = (carId != null) ? this.references.get(carId) : null;
		return (attributes != null) ? attributes : Map.of();
	}

	/** Cars with a car row. */
	public int cars() {
		return this.carCount;
	}

	/** Device rows. */
	public int devices() {
		return this.deviceCount;
	}

	/**
	 * Applies one row change, unless the row is already at a newer version (or was
	 * deleted at one).
	 * @return whether it was applied
	 */
	public synchronized boolean apply(CdcRecord record) {
		if (record.isControl()) {
			throw new IllegalArgumentException("A control record is never applied as data");
		}
		boolean car = record.table() == CdcRecord.Table.CAR;
		Map<String, Row> rows = car ? this.cars : this.devices;
		Map<String, RowVersion> deleted = car ? this.deletedCars : this.deletedDevices;
		Row previous = rows.get(record.key());
		RowVersion held = (previous != null) ? previous.version : deleted.get(record.key());
		if (record.version().isOlderThan(held)) {
			return false;
		}
		String newCar = null;
		if (record.operation().isDelete()) {
			rows.remove(record.key());
			deleted.put(record.key(), record.version());
		}
		else {
			newCar = car ? record.key() : record.carId();
			rows.put(record.key(),
					new Row(Attributes.of(this.interner, record.columns()), record.version(), car ? null : newCar));
			deleted.remove(record.key());
		}
		if (car) {
			publish(record.key());
		}
		else {
			moveDevice(record.key(), (previous != null) ? previous.carId : null, newCar);
		}
		this.carCount = this.cars.size();
		this.deviceCount = this.devices.size();
		return true;
	}

	/** Replaces everything with a snapshot read back from Redis. */
	public synchronized void replaceAll(StoredSnapshot stored) {
		this.references.clear();
		this.cars.clear();
		this.devices.clear();
		this.devicesOfCar.clear();
		this.deletedCars.clear();
		this.deletedDevices.clear();
		fill(stored.cars(), stored.carVersions(), this.cars, this.deletedCars, true);
		fill(stored.devices(), stored.deviceVersions(), this.devices, this.deletedDevices, false);
		this.devices.forEach((device, row) -> {
			if (row.carId != null) {
				this.devicesOfCar.merge(row.carId, new String[] { device }, SnapshotStore::withDevice);
			}
		});
		this.cars.keySet().forEach(this::publish);
		this.carCount = this.cars.size();
		this.deviceCount = this.devices.size();
	}

	private void fill(Map<String, Map<String, Object>> stored, Map<String, RowVersion> versions, Map<String, Row> rows,
			Map<String, RowVersion> deleted, boolean car) {
		versions.forEach((key, version) -> {
			Map<String, Object> columns = stored.get(key);
			if (columns == null) {
				deleted.put(key, version);
			}
			else {
				String carId = car ? null : ReferenceMerge.carIdOf(columns.get(this.joinColumn));
				rows.put(key, new Row(Attributes.of(this.interner, columns), version, carId));
			}
		});
	}

	private void moveDevice(String device, String oldCar, String newCar) {
		if (oldCar != null && !oldCar.equals(newCar)) {
			String[] remaining = withoutDevice(this.devicesOfCar.get(oldCar), device);
			if (remaining == null) {
				this.devicesOfCar.remove(oldCar);
			}
			else {
				this.devicesOfCar.put(oldCar, remaining);
			}
			publish(oldCar);
		}
		if (newCar != null) {
			this.devicesOfCar.merge(newCar, new String[] { device }, SnapshotStore::withDevice);
			publish(newCar);
		}
	}

	private void publish(String carId) {
		Row car = this.cars.get(carId);
		if (car == null) {
			this.references.remove(carId);
			return;
		}
		String[] deviceIds = this.devicesOfCar.getOrDefault(carId, new String[0]);
		List<Map<String, Object>> deviceRows = new ArrayList<>(deviceIds.length);
		for (String id : deviceIds) {
			Row device = this.devices.get(id);
			if (device != null) {
				deviceRows.add(device.columns);
			}
		}
		Map<String, Object> merged = ReferenceMerge.merge(car.columns, deviceRows, this.joinColumn);
		this.references.put(carId, Attributes.of(this.interner, merged));
	}

	/** The ids in {@link ReferenceMerge#DEVICE_ORDER}, each once. */
	private static String[] withDevice(String[] ids, String[] added) {
		String device = added[0];
		for (String id : ids) {
			if (id.equals(device)) {
				return ids;
			}
		}
		String[] more = Arrays.copyOf(ids, ids.length + 1);
		more[ids.length] = device;
		Arrays.sort(more, ReferenceMerge.DEVICE_ORDER);
		return more;
	}

	private static String[] withoutDevice(String[] ids, String device) {
		if (ids == null) {
			return null;
		}
		String[] fewer = Arrays.stream(ids).filter((id) -> !id.equals(device)).toArray(String[]::new);
		return (fewer.length > 0) ? fewer : null;
	}

	/** One row as held: its columns (null values included), version, and its car. */
	private record Row(Attributes columns, RowVersion version, String carId) {
	}

	/**
	 * The snapshot as stored in Redis: rows by primary key and the versions of every row
	 * ever applied (a version without a row is a deleted row).
	 */
	public record StoredSnapshot(Map<String, Map<String, Object>> cars, Map<String, RowVersion> carVersions,
			Map<String, Map<String, Object>> devices, Map<String, RowVersion> deviceVersions) {

		public static StoredSnapshot empty() {
			return new StoredSnapshot(Map.of(), Map.of(), Map.of(), Map.of());
		}

		public boolean isEmpty() {
			return this.carVersions.isEmpty() && this.deviceVersions.isEmpty();
		}

	}

}
