package io.fleetstream.enrichment.flatten;

import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * A message flattened to leaf paths (docs/enriched-message.md, "Flattening rule").
 *
 * @param leaves every leaf path and its value (a scalar, or an empty {@code []} /
 * {@code {}}), in document order
 * @param arrays the path of every array in the message: an update replaces each of them
 * whole
 */
public record Flattened(Map<String, JsonNode> leaves, Set<String> arrays) {

}
