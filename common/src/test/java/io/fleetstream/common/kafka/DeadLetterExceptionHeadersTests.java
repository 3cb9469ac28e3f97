package io.fleetstream.common.kafka;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.listener.DeadLetterRecordManager;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterExceptionHeadersTests {

	private final DeadLetterRecordManager manager = new DeadLetterRecordManager();

	{
		this.manager.setExceptionHeadersCreator(new DeadLetterExceptionHeaders());
	}

	@Test
	void aRejectionQuotingA700000CharacterValueGetsABoundedMessageAndNoStackTrace() {
		String detail = "lat is not a number: \"" + "A".repeat(700_000) + "\"";
		Headers headers = headersFor(new ListenerExecutionFailedException("Record rejected", "fleetstream-ingest",
				new RecordRejectedException("non-numeric-coordinate", detail)));
		assertThat(header(headers, "kafka_dlt-exception-fqcn")).isEqualTo(RecordRejectedException.class.getName());
		byte[] message = headers.lastHeader("kafka_dlt-exception-message").value();
		assertThat(message).hasSizeLessThanOrEqualTo(DeadLetterExceptionHeaders.MAX_MESSAGE_BYTES);
		assertThat(new String(message, StandardCharsets.UTF_8))
			.startsWith("non-numeric-coordinate: lat is not a number: \"AAAA")
			.endsWith("[cut, " + ("non-numeric-coordinate: " + detail).length() + " bytes in all]");
		assertThat(headers.lastHeader("kafka_dlt-exception-stacktrace")).isNull();
		assertThat(headers.lastHeader("kafka_dlt-exception-cause-fqcn")).isNull();
	}

	@Test
	void anyOtherExceptionGetsItsCauseAndABoundedStackTrace() {
		Exception failure = new IllegalStateException("x".repeat(20_000), new IllegalArgumentException("root cause"));
		Headers headers = headersFor(failure);
		assertThat(header(headers, "kafka_dlt-exception-fqcn")).isEqualTo(IllegalStateException.class.getName());
		assertThat(header(headers, "kafka_dlt-exception-cause-fqcn"))
			.isEqualTo(IllegalArgumentException.class.getName());
		assertThat(headers.lastHeader("kafka_dlt-exception-message").value())
			.hasSizeLessThanOrEqualTo(DeadLetterExceptionHeaders.MAX_MESSAGE_BYTES);
		byte[] trace = headers.lastHeader("kafka_dlt-exception-stacktrace").value();
		assertThat(trace).hasSizeLessThanOrEqualTo(DeadLetterExceptionHeaders.MAX_STACK_TRACE_BYTES);
		assertThat(new String(trace, StandardCharsets.UTF_8)).startsWith("java.lang.IllegalStateException: xxx");
	}

	@Test
	void aShortMessageIsKeptWhole() {
		Headers headers = headersFor(new RecordRejectedException("null-island", "lat and lng are both 0"));
		assertThat(header(headers, "kafka_dlt-exception-message")).isEqualTo("null-island: lat and lng are both 0");
	}

	private Headers headersFor(Exception exception) {
		Headers headers = new RecordHeaders();
		this.manager.addAndEnhanceHeaders(new ConsumerRecord<>("t", 0, 0, "k", "v"), exception, null, null, headers);
		return headers;
	}

	private static String header(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
