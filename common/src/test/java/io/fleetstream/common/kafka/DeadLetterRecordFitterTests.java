package io.fleetstream.common.kafka;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterRecordFitterTests {

	private static final int ONE_MIB = 1024 * 1024;

	@Test
	void aRecordThatFitsIsSentAsItIs() {
		ProducerRecord<Object, Object> record = record("car-1", bytes(1000, 'x'), dltHeaders());
		assertThat(DeadLetterRecordFitter.fit(record, ONE_MIB)).isSameAs(record);
	}

	@Test
	void aTwoMibValueIsCutToThePrefixThatFitsWithItsSizeAndDigest() throws Exception {
		byte[] value = bytes(2 * ONE_MIB, 'x');
		value[value.length - 1] = '}';
		ProducerRecord<Object, Object> fitted = DeadLetterRecordFitter.fit(record("car-1", value, dltHeaders()),
				ONE_MIB);
		byte[] cut = (byte[]) fitted.value();
		assertThat(size(fitted)).isLessThanOrEqualTo(ONE_MIB).isGreaterThan(ONE_MIB - 100);
		assertThat(cut).isEqualTo(Arrays.copyOf(value, cut.length));
		assertThat(header(fitted, DeadLetterRecordFitter.ORIGINAL_VALUE_SIZE_HEADER)).isEqualTo("2097152");
		assertThat(header(fitted, DeadLetterRecordFitter.ORIGINAL_VALUE_SHA256_HEADER))
			.isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value)));
		assertThat(header(fitted, "kafka_dlt-original-topic")).isEqualTo("cars.gps.json");
		assertThat(fitted.key()).isEqualTo("car-1");
		assertThat(fitted.partition()).isEqualTo(3);
	}

	@Test
	void aValueOfLegalSizeThatTheDeadLetterHeadersPushOverTheLimitIsCut() {
		// the source record itself (key, value, no headers) fits in 1 MiB
		byte[] value = bytes(1_048_300, 'x');
		ProducerRecord<Object, Object> source = record("w-poisonA", value, new RecordHeaders());
		assertThat(size(source)).isLessThanOrEqualTo(ONE_MIB);
		ProducerRecord<Object, Object> fitted = DeadLetterRecordFitter.fit(record("w-poisonA", value, dltHeaders()),
				ONE_MIB);
		assertThat(size(fitted)).isLessThanOrEqualTo(ONE_MIB);
		assertThat(((byte[]) fitted.value()).length).isLessThan(value.length).isGreaterThan(value.length - 2000);
		assertThat(header(fitted, DeadLetterRecordFitter.ORIGINAL_VALUE_SIZE_HEADER)).isEqualTo("1048300");
	}

	@Test
	void sourceHeadersTooLargeForAnyValueAreDroppedAndTheDeadLetterHeadersKept() {
		Headers headers = dltHeaders();
		headers.add("trace", bytes(ONE_MIB, 't'));
		headers.add("tenant", "fleet-a".getBytes(StandardCharsets.UTF_8));
		ProducerRecord<Object, Object> fitted = DeadLetterRecordFitter.fit(record("car-1", bytes(10, 'x'), headers),
				ONE_MIB);
		assertThat(size(fitted)).isLessThanOrEqualTo(ONE_MIB);
		assertThat(fitted.headers().lastHeader("trace")).isNull();
		assertThat(fitted.headers().lastHeader("tenant")).isNull();
		assertThat(header(fitted, DeadLetterRecordFitter.ORIGINAL_HEADERS_DROPPED_HEADER)).isEqualTo("2");
		assertThat(header(fitted, "kafka_dlt-original-topic")).isEqualTo("cars.gps.json");
		assertThat(header(fitted, "fleet_dlt-reason")).isEqualTo("malformed-json");
		assertThat(fitted.value()).isEqualTo(bytes(10, 'x'));
	}

	@Test
	void aKeyTooLargeForAnyRecordIsCutOnACharacterBoundary() {
		String key = "가".repeat(ONE_MIB / 3 + 10); // 3 bytes per character in UTF-8
		ProducerRecord<Object, Object> fitted = DeadLetterRecordFitter.fit(record(key, bytes(10, 'x'), dltHeaders()),
				ONE_MIB);
		assertThat(size(fitted)).isLessThanOrEqualTo(ONE_MIB);
		String cutKey = (String) fitted.key();
		assertThat(cutKey).isNotEmpty().matches("가+");
		assertThat(key).startsWith(cutKey);
		assertThat(header(fitted, DeadLetterRecordFitter.ORIGINAL_KEY_SIZE_HEADER))
			.isEqualTo(String.valueOf(key.getBytes(StandardCharsets.UTF_8).length));
		assertThat((byte[]) fitted.value()).isEmpty();
	}

	private static ProducerRecord<Object, Object> record(String key, byte[] value, Headers headers) {
		return new ProducerRecord<>("cars.gps.json-dlt", 3, key, value, headers);
	}

	private static Headers dltHeaders() {
		Headers headers = new RecordHeaders();
		headers.add("kafka_dlt-original-topic", "cars.gps.json".getBytes(StandardCharsets.UTF_8));
		headers.add("kafka_dlt-exception-message", bytes(1024, 'm'));
		headers.add("fleet_dlt-reason", "malformed-json".getBytes(StandardCharsets.UTF_8));
		return headers;
	}

	private static int size(ProducerRecord<Object, Object> record) {
		byte[] key = (record.key() != null) ? ((String) record.key()).getBytes(StandardCharsets.UTF_8) : null;
		return DeadLetterRecordFitter.size(key, (byte[]) record.value(), record.headers());
	}

	private static String header(ProducerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	private static byte[] bytes(int length, char fill) {
		byte[] bytes = new byte[length];
		Arrays.fill(bytes, (byte) fill);
		return bytes;
	}

}
