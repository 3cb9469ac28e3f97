package io.fleetstream.enrichment.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.Resource;

/**
 * The declared baseline of {@code baseline} start mode: a JSON object {@code {"<topic>":
 * {"<path>": "<type>", ...}, ...}} whose paths are known from the start, so any other
 * path is a change from the first record on.
 */
public final class SchemaBaseline {

	private static final SchemaBaseline NONE = new SchemaBaseline(Map.of());

	private final Map<String, Map<String, JsonType>> topics;

	private SchemaBaseline(Map<String, Map<String, JsonType>> topics) {
		this.topics = topics;
	}

	public static SchemaBaseline none() {
		return NONE;
	}

	public static SchemaBaseline read(Resource resource) {
		try (InputStream in = resource.getInputStream()) {
			JsonNode root = JsonMapper.builder().build().readTree(in);
			Map<String, Map<String, JsonType>> topics = new HashMap<>();
			for (Map.Entry<String, JsonNode> topic : root.properties()) {
				Map<String, JsonType> paths = new LinkedHashMap<>();
				for (Map.Entry<String, JsonNode> path : topic.getValue().properties()) {
					paths.put(path.getKey(), type(resource, path.getKey(), path.getValue().asString()));
				}
				topics.put(topic.getKey(), paths);
			}
			return new SchemaBaseline(topics);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the schema baseline " + resource, ex);
		}
	}

	public Map<String, JsonType> of(String topic) {
		return this.topics.getOrDefault(topic, Map.of());
	}

	private static JsonType type(Resource resource, String path, String type) {
		try {
			return JsonType.valueOf(type.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("Schema baseline " + resource + ": path '" + path + "' has type '" + type
					+ "', expected one of string, number, boolean, null, array, object");
		}
	}

}
