package io.fleetstream.enrichment.snapshot;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The naming rule of a car's reference attributes (docs/enriched-message.md), a pure
 * function, mirrored by the Redis script ({@code scripts/apply-cdc.lua}): the car row's
 * columns merged with the rows of the devices installed in it; the devices' join column
 * is left out (it repeats the car's key); a column name both the car row and a device row
 * have (null-valued columns included, so the naming does not flip with the data) is
 * prefixed {@code carinfo.} / {@code deviceinfo.}; null values are left out. With several
 * devices in one car, a column they share takes the value of the lowest device id (in
 * UTF-8 byte order) whose value is not null.
 */
final class ReferenceMerge {

	/** Device ids in UTF-8 byte order, as the Redis script sorts them. */
	static final Comparator<String> DEVICE_ORDER = (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
			b.getBytes(StandardCharsets.UTF_8));

	private ReferenceMerge() {
	}

	/**
	 * @param car the car row's columns (null values included)
	 * @param devices the rows of the devices installed in the car, in
	 * {@link #DEVICE_ORDER} of their ids
	 * @param joinColumn the device table's column naming the car
	 */
	static Map<String, Object> merge(Map<String, Object> car, List<Map<String, Object>> devices, String joinColumn) {
		Map<String, Object> merged = new LinkedHashMap<>();
		for (Map.Entry<String, Object> column : car.entrySet()) {
			if (column.getValue() != null) {
				boolean collides = devices.stream()
					.anyMatch((device) -> !joinColumn.equals(column.getKey()) && device.containsKey(column.getKey()));
				merged.put(collides ? CdcRecord.Table.CAR.prefix() + "." + column.getKey() : column.getKey(),
						column.getValue());
			}
		}
		for (Map<String, Object> device : devices) {
			for (Map.Entry<String, Object> column : device.entrySet()) {
				if (column.getValue() == null || joinColumn.equals(column.getKey())) {
					continue;
				}
				String name = car.containsKey(column.getKey()) ? CdcRecord.Table.DEVICE.prefix() + "." + column.getKey()
						: column.getKey();
				merged.putIfAbsent(name, column.getValue());
			}
		}
		return merged;
	}

	/**
	 * The car a device row names in its join column: a non-empty string, or an integer's
	 * decimal text; anything else (null, empty) is no car.
	 */
	static String carIdOf(Object joinValue) {
		if (joinValue instanceof String text) {
			return text.isEmpty() ? null : text;
		}
		return (joinValue instanceof Long number) ? number.toString() : null;
	}

}
