package io.fleetstream.enrichment.snapshot;

/**
 * Where a CDC record stands in its row's history: a record older than the version held
 * for the row never overwrites it. Compared by the source's commit time (DMS
 * {@code commit-timestamp}, else {@code timestamp}), then the transaction id (when
 * numeric), then the Kafka offset (a row's records share one partition, since DMS keys
 * them by primary key), so two changes of one row in one transaction apply in log order.
 *
 * @param timeMicros commit (or change) time, epoch microseconds
 * @param transaction the numeric DMS {@code transaction-id}, or 0 when absent or not
 * numeric
 * @param offset the record's Kafka offset
 */
public record RowVersion(long timeMicros, long transaction, long offset) implements Comparable<RowVersion> {

	@Override
	public int compareTo(RowVersion other) {
		int byTime = Long.compare(this.timeMicros, other.timeMicros);
		if (byTime != 0) {
			return byTime;
		}
		int byTransaction = Long.compare(this.transaction, other.transaction);
		return (byTransaction != 0) ? byTransaction : Long.compare(this.offset, other.offset);
	}

	/**
	 * Whether a record of this version must be ignored because the row is already at
	 * {@code held}; an equal version is a replay of the same record and applies again
	 * (idempotently).
	 */
	public boolean isOlderThan(RowVersion held) {
		return held != null && compareTo(held) < 0;
	}

	/** {@code time:transaction:offset}, as stored in Redis (docs/redis-keys.md). */
	String encode() {
		return this.timeMicros + ":" + this.transaction + ":" + this.offset;
	}

	static RowVersion decode(String text) {
		String[] parts = text.split(":", -1);
		if (parts.length != 3) {
			throw new IllegalArgumentException("Not a row version: '" + text + "'");
		}
		return new RowVersion(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
	}

}
