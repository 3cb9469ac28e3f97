package io.fleetstream.enrichment.flatten;

import java.util.Set;

import io.fleetstream.enrichment.EnrichmentProperties.FlattenSettings;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JsonFlattenerTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final JsonFlattener flattener = new JsonFlattener(new FlattenSettings(8, 20, 16, 64));

	@Test
	void objectsOfFiveAndMoreLevelsJoinWithDots() throws Exception {
		Flattened flat = flatten("{\"ts\":1,\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":true}}}}},\"x\":1.5}");
		assertThat(flat.leaves()).containsOnlyKeys("a.b.c.d.e.f", "x");
		assertThat(flat.leaves().get("a.b.c.d.e.f").booleanValue()).isTrue();
		assertThat(flat.leaves().get("x").doubleValue()).isEqualTo(1.5);
	}

	@Test
	void arraysAreIndexedAndArraysOfObjectsContinueWithDots() throws Exception {
		Flattened flat = flatten(
				"{\"dtc\":[\"P0420\",\"P0171\"],\"wheels\":[{\"kpa\":230},{\"kpa\":228,\"ok\":null}]}");
		assertThat(flat.leaves()).containsOnlyKeys("dtc[0]", "dtc[1]", "wheels[0].kpa", "wheels[1].kpa",
				"wheels[1].ok");
		assertThat(flat.leaves().get("dtc[1]").stringValue()).isEqualTo("P0171");
		assertThat(flat.leaves().get("wheels[1].ok").isNull()).isTrue();
		assertThat(flat.arrays()).containsExactlyInAnyOrder("dtc", "wheels");
	}

	@Test
	void emptyContainersAreLeaves() throws Exception {
		Flattened flat = flatten("{\"dtc\":[],\"extra\":{}}");
		assertThat(flat.leaves().get("dtc").isArray()).isTrue();
		assertThat(flat.leaves().get("extra").isObject()).isTrue();
		assertThat(flat.arrays()).containsExactly("dtc");
	}

	@Test
	void valuesKeepTheirJsonTypes() throws Exception {
		Flattened flat = flatten("{\"s\":\"1\",\"n\":1,\"b\":false,\"z\":null}");
		assertThat(flat.leaves().values()).extracting(JsonFlattener::typeOf)
			.extracting(Enum::name)
			.containsExactly("STRING", "NUMBER", "BOOLEAN", "NULL");
	}

	@Test
	void tooDeepIsRejected() {
		assertThatExceptionOfType(FlattenException.class)
			.isThrownBy(() -> flatten("{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{\"h\":{\"i\":1}}}}}}}}}"))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(JsonFlattener.TOO_DEEP));
	}

	@Test
	void tooManyPathsIsRejected() {
		StringBuilder json = new StringBuilder("{\"a\":[");
		for (int i = 0; i < 21; i++) {
			json.append(i).append(i < 20 ? "," : "");
		}
		assertThatExceptionOfType(FlattenException.class).isThrownBy(() -> flatten(json + "]}"))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(JsonFlattener.TOO_MANY_PATHS));
	}

	@Test
	void longStringIsRejected() {
		assertThatExceptionOfType(FlattenException.class).isThrownBy(() -> flatten("{\"a\":\"01234567890123456\"}"))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(JsonFlattener.STRING_TOO_LONG));
	}

	@Test
	void longPathIsRejected() {
		String name = "k".repeat(70);
		assertThatExceptionOfType(FlattenException.class).isThrownBy(() -> flatten("{\"" + name + "\":1}"))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(JsonFlattener.PATH_TOO_LONG));
	}

	@Test
	void nonObjectIsRejected() {
		assertThatExceptionOfType(FlattenException.class).isThrownBy(() -> flatten("[1,2]"))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(JsonFlattener.NOT_AN_OBJECT));
	}

	private Flattened flatten(String json) throws FlattenException {
		JsonNode root = MAPPER.readTree(json);
		return this.flattener.flatten(root, Set.of("ts"));
	}

}
