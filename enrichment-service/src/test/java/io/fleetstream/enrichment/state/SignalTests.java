package io.fleetstream.enrichment.state;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON text a signal keeps (sent to Redis, written into every enriched record) is the
 * text Jackson writes for the value, for every kind of value a message can carry.
 */
class SignalTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	@Test
	void jsonTextIsWhatJacksonWrites() {
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		List<JsonNode> values = List.of(nodes.numberNode(0), nodes.numberNode(-42), nodes.numberNode(Long.MAX_VALUE),
				nodes.numberNode(new BigInteger("123456789012345678901234567890")), nodes.numberNode(37.5665),
				nodes.numberNode(126.97801234567), nodes.numberNode(1.0e-7), nodes.numberNode(3.0e21),
				nodes.numberNode(-0.0), nodes.numberNode(new BigDecimal("1.50")), nodes.booleanNode(true),
				nodes.booleanNode(false), nodes.nullNode(), nodes.stringNode("CLOSED"),
				nodes.stringNode("12가3456 \"quoted\" back\\slash\n\u0001"), nodes.arrayNode(), nodes.objectNode());
		for (JsonNode value : values) {
			assertThat(new Signal(value, 1).jsonText()).as(value.getNodeType() + " " + value)
				.isEqualTo(MAPPER.writeValueAsString(value));
		}
	}

	@Test
	void parsedValuesKeepTheirTextAndType() {
		JsonNode message = MAPPER
			.readTree("{\"a\":37.5665,\"b\":900,\"c\":12345678901,\"d\":\"ON\",\"e\":true,\"f\":null}");
		message.properties().forEach((member) -> {
			Signal signal = new Signal(member.getValue(), 1);
			assertThat(MAPPER.readTree(signal.jsonText())).as(member.getKey()).isEqualTo(member.getValue());
		});
	}

}
