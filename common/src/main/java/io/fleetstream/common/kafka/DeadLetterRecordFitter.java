package io.fleetstream.common.kafka;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;

/**
 * Makes a dead-letter record fit the largest record its producer and topic accept. A
 * record of legal size on its source topic can exceed that limit once it carries the
 * dead-letter headers (or when its source topic allows larger records); a dead-letter
 * publish that can never succeed would be retried forever and stop the partition. In
 * turn, until the record fits: the value is cut to the prefix that fits (its original
 * size and SHA-256 in headers), the headers the source record carried are dropped (the
 * dead-letter headers stay), and the key is cut too (the dead-letter partition is set
 * explicitly, so the key does not route). Sizes are the producer's own upper-bound
 * estimate, which is what it checks against {@code max.request.size}.
 */
public final class DeadLetterRecordFitter {

	/** The value's size in bytes (decimal) when the dead-letter copy holds a prefix. */
	public static final String ORIGINAL_VALUE_SIZE_HEADER = "fleet_dlt-original-value-size";

	/** The SHA-256 (hex) of the whole original value when the copy holds a prefix. */
	public static final String ORIGINAL_VALUE_SHA256_HEADER = "fleet_dlt-original-value-sha256";

	/** How many headers of the source record were left out (decimal). */
	public static final String ORIGINAL_HEADERS_DROPPED_HEADER = "fleet_dlt-original-headers-dropped";

	/** The key's size in bytes (decimal) when the copy holds a prefix of it. */
	public static final String ORIGINAL_KEY_SIZE_HEADER = "fleet_dlt-original-key-size";

	private static final byte[] EMPTY = new byte[0];

	private DeadLetterRecordFitter() {
	}

	/**
	 * @param record a dead-letter record with a {@code String} or {@code byte[]} key and
	 * a {@code byte[]} value
	 * @param maxBytes the largest record the producer and the topic accept
	 * @return the record itself when it fits, else a copy cut down to fit
	 */
	static ProducerRecord<Object, Object> fit(ProducerRecord<Object, Object> record, int maxBytes) {
		byte[] key = bytes(record.key());
		byte[] value = (byte[]) record.value();
		if (size(key, value, record.headers()) <= maxBytes) {
			return record;
		}
		Headers headers = new RecordHeaders(record.headers().toArray());
		if (value != null) {
			headers.add(ORIGINAL_VALUE_SIZE_HEADER, ascii(value.length));
			headers.add(ORIGINAL_VALUE_SHA256_HEADER, ascii(HexFormat.of().formatHex(sha256(value))));
			byte[] prefix = longestPrefix(value, (cut) -> size(key, cut, headers), maxBytes);
			if (prefix != null) {
				return copy(record, record.key(), prefix, headers);
			}
		}
		headers.add(ORIGINAL_HEADERS_DROPPED_HEADER, ascii(dropSourceHeaders(headers)));
		byte[] emptyValue = (value != null) ? EMPTY : null;
		if (key == null || size(key, emptyValue, headers) <= maxBytes) {
			byte[] prefix = (value != null) ? longestPrefix(value, (cut) -> size(key, cut, headers), maxBytes) : null;
			return copy(record, record.key(), (prefix != null) ? prefix : emptyValue, headers);
		}
		headers.add(ORIGINAL_KEY_SIZE_HEADER, ascii(key.length));
		byte[] keyPrefix = longestPrefix(key, (cut) -> size(cut, emptyValue, headers), maxBytes);
		// if not even an empty key fits, nothing is left to cut: the publish fails and is
		// retried, and the failure logged
		int length = (keyPrefix != null) ? keyPrefix.length : 0;
		Object cutKey = (record.key() instanceof String) ? Utf8.prefix(key, length) : Arrays.copyOf(key, length);
		return copy(record, cutKey, emptyValue, headers);
	}

	/**
	 * The longest prefix whose record fits, or {@code null} if not even an empty one
	 * does.
	 */
	private static byte[] longestPrefix(byte[] bytes, Size size, int maxBytes) {
		int length = Math.min(bytes.length, maxBytes - size.of(EMPTY));
		while (length >= 0) {
			byte[] prefix = Arrays.copyOf(bytes, length);
			int over = size.of(prefix) - maxBytes;
			if (over <= 0) {
				return prefix;
			}
			length -= over;
		}
		return null;
	}

	/** Removes the headers the source record came with; returns how many. */
	private static int dropSourceHeaders(Headers headers) {
		int dropped = 0;
		for (Header header : headers.toArray()) {
			if (!header.key().startsWith("kafka_dlt-") && !header.key().startsWith("fleet_dlt-")) {
				headers.remove(header.key());
				dropped++;
			}
		}
		return dropped;
	}

	static int size(byte[] key, byte[] value, Headers headers) {
		return AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE, key,
				value, headers.toArray());
	}

	private static byte[] bytes(Object key) {
		if (key == null || key instanceof byte[]) {
			return (byte[]) key;
		}
		return ((String) key).getBytes(StandardCharsets.UTF_8);
	}

	private static ProducerRecord<Object, Object> copy(ProducerRecord<Object, Object> record, Object key, Object value,
			Headers headers) {
		return new ProducerRecord<>(record.topic(), record.partition(), record.timestamp(), key, value, headers);
	}

	private static byte[] ascii(long number) {
		return ascii(Long.toString(number));
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private static byte[] sha256(byte[] value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	@FunctionalInterface
	private interface Size {

		int of(byte[] bytes);

	}

}
