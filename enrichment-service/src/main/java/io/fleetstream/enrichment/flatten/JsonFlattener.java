package io.fleetstream.enrichment.flatten;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.fleetstream.enrichment.EnrichmentProperties.FlattenSettings;
import io.fleetstream.enrichment.schema.JsonType;
import tools.jackson.databind.JsonNode;

/**
 * Flattens a JSON object to leaf paths: members join with {@code .}, array elements are
 * addressed as {@code [i]}, an empty object or array is a leaf. Every bound of
 * {@link FlattenSettings} is checked while walking, so a message beyond one is refused
 * before more than the bound is built.
 */
public final class JsonFlattener {

	public static final String TOO_DEEP = "too-deep";

	public static final String TOO_MANY_PATHS = "too-many-paths";

	public static final String STRING_TOO_LONG = "string-too-long";

	public static final String PATH_TOO_LONG = "path-too-long";

	public static final String NOT_AN_OBJECT = "not-an-object";

	private final FlattenSettings limits;

	public JsonFlattener(FlattenSettings limits) {
		this.limits = limits;
	}

	/**
	 * @param root the message
	 * @param skipTopLevel top-level members that are not signals (e.g. {@code ts})
	 */
	public Flattened flatten(JsonNode root, Set<String> skipTopLevel) throws FlattenException {
		if (root == null || !root.isObject()) {
			throw new FlattenException(NOT_AN_OBJECT, "the message must be a JSON object");
		}
		Walk walk = new Walk();
		for (Map.Entry<String, JsonNode> member : root.properties()) {
			if (!skipTopLevel.contains(member.getKey())) {
				walk(member.getKey(), member.getValue(), 2, walk);
			}
		}
		return new Flattened(walk.leaves, walk.arrays);
	}

	private void walk(String path, JsonNode node, int depth, Walk walk) throws FlattenException {
		if (path.length() > this.limits.maxPathLength()) {
			throw new FlattenException(PATH_TOO_LONG, "path '" + path.substring(0, Math.min(64, path.length()))
					+ "...' is longer than " + this.limits.maxPathLength() + " characters");
		}
		if (node.isContainer() && !node.isEmpty()) {
			if (depth > this.limits.maxDepth()) {
				throw new FlattenException(TOO_DEEP,
						"'" + path + "' nests deeper than " + this.limits.maxDepth() + " levels");
			}
			if (node.isArray()) {
				walk.arrays.add(path);
				int index = 0;
				for (JsonNode element : node.values()) {
					walk(path + '[' + index++ + ']', element, depth + 1, walk);
				}
			}
			else {
				for (Map.Entry<String, JsonNode> member : node.properties()) {
					walk(path + '.' + member.getKey(), member.getValue(), depth + 1, walk);
				}
			}
			return;
		}
		if (node.isArray()) {
			walk.arrays.add(path);
		}
		if (node.isString() && node.stringValue().length() > this.limits.maxStringLength()) {
			throw new FlattenException(STRING_TOO_LONG,
					"the value of '" + path + "' is longer than " + this.limits.maxStringLength() + " characters");
		}
		if (walk.leaves.size() >= this.limits.maxPaths()) {
			throw new FlattenException(TOO_MANY_PATHS,
					"the message has more than " + this.limits.maxPaths() + " paths");
		}
		walk.leaves.put(path, node);
	}

	/** The JSON type of a leaf value. */
	public static JsonType typeOf(JsonNode value) {
		return switch (value.getNodeType()) {
			case STRING, BINARY -> JsonType.STRING;
			case NUMBER -> JsonType.NUMBER;
			case BOOLEAN -> JsonType.BOOLEAN;
			case ARRAY -> JsonType.ARRAY;
			case OBJECT, POJO -> JsonType.OBJECT;
			case NULL, MISSING -> JsonType.NULL;
		};
	}

	private static final class Walk {

		final Map<String, JsonNode> leaves = new LinkedHashMap<>();

		final Set<String> arrays = new LinkedHashSet<>();

	}

}
