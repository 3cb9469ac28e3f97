package io.fleetstream.common.pipeline;

import java.nio.charset.StandardCharsets;

import io.fleetstream.common.pipeline.Handled;
import io.fleetstream.common.pipeline.RecordHandler;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The value as text; {@code poison} is rejected. */
final class TextHandler implements RecordHandler<String> {

	@Override
	public String name() {
		return "text";
	}

	@Override
	public Class<String> valueType() {
		return String.class;
	}

	@Override
	public Handled<String> handle(ConsumerRecord<String, byte[]> record) {
		String text = new String(record.value(), StandardCharsets.UTF_8);
		return text.equals("poison") ? Handled.rejected("poison", "the value is poison")
				: Handled.accepted(text, record.timestamp());
	}

}
