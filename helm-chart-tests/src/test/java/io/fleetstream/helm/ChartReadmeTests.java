package io.fleetstream.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart README documents every value: each key of values.yaml down to the schema's
 * free-form maps appears in the README's "Values" tables, either whole
 * ({@code `ingest.replicaCount`}) or as a sibling in a row that names its parent
 * ({@code `ingest.image.registry` / `.repository`}).
 */
class ChartReadmeTests {

	private static final Pattern BRACES = Pattern.compile("\\{([a-zA-Z,]+)}");

	@Test
	void everyValueIsDocumented() throws IOException {
		JsonNode schema = new ObjectMapper().readTree(HelmChart.directory().resolve("values.schema.json").toFile());
		Map<String, Object> values = ServiceConfiguration.load(HelmChart.directory().resolve("values.yaml"));
		List<String> keys = new ArrayList<>();
		collect("", values, schema, schema, keys);
		assertThat(keys).hasSizeGreaterThan(100);

		String readme = Files.readString(HelmChart.directory().resolve("README.md"));
		List<String> rows = readme.substring(readme.indexOf("## Values"))
			.lines()
			.filter((line) -> line.startsWith("| `"))
			.flatMap((line) -> expandBraces(line).stream())
			.toList();
		assertThat(keys).allSatisfy((key) -> {
			int dot = key.lastIndexOf('.');
			String parent = (dot > 0) ? key.substring(0, dot + 1) : "";
			String leaf = key.substring(dot + 1);
			assertThat(rows).as(key)
				.anyMatch((row) -> row.contains("`" + key + "`")
						|| (row.contains("`" + parent) && row.contains("`." + leaf + "`")));
		});
	}

	/** Value paths down to the leaves, or to the schema's free-form maps. */
	@SuppressWarnings("unchecked")
	private static void collect(String prefix, Map<String, Object> values, JsonNode schema, JsonNode root,
			List<String> keys) {
		values.forEach((name, value) -> {
			String key = prefix + name;
			JsonNode property = resolved(schema, root).path("properties").path(name);
			JsonNode resolved = resolved(property, root);
			boolean closed = resolved.has("properties") && (property.path("additionalProperties").isBoolean()
					|| property.path("unevaluatedProperties").isBoolean()
					|| resolved.path("additionalProperties").isBoolean());
			if (value instanceof Map<?, ?> map && closed && !map.isEmpty()) {
				collect(key + ".", (Map<String, Object>) map, property, root, keys);
			}
			else {
				keys.add(key);
			}
		});
	}

	/**
	 * A schema with its {@code $ref} (to {@code #/$defs/...}) merged in: the properties
	 * of both, as the service keys have them (the shared sub-keys and their own).
	 */
	private static JsonNode resolved(JsonNode schema, JsonNode root) {
		if (!schema.has("$ref")) {
			return schema;
		}
		JsonNode target = root.at(schema.get("$ref").asText().substring(1));
		ObjectNode merged = target.deepCopy();
		ObjectNode properties = (ObjectNode) merged.get("properties");
		schema.path("properties").properties().forEach((entry) -> properties.set(entry.getKey(), entry.getValue()));
		return merged;
	}

	/** {@code `x.{a,b}.y`} as the rows {@code `x.a.y`} and {@code `x.b.y`}. */
	private static List<String> expandBraces(String line) {
		Matcher matcher = BRACES.matcher(line);
		if (!matcher.find()) {
			return List.of(line);
		}
		List<String> lines = new ArrayList<>();
		for (String option : matcher.group(1).split(",")) {
			lines.addAll(expandBraces(line.substring(0, matcher.start()) + option + line.substring(matcher.end())));
		}
		return lines;
	}

}
