package io.fleetstream.enrichment.flatten;

import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds of the status-message flattener ({@code fleet.enrichment.flatten.*}): a record
 * beyond one of them is dead-lettered with the reason, never truncated, so a hostile or
 * broken device cannot blow up the state held in memory and Redis.
 *
 * @param maxDepth the deepest nesting of objects and arrays (the top-level object is
 * depth 1)
 * @param maxPaths the most leaf paths one message may have
 * @param maxStringLength the longest string value, in characters
 * @param maxPathLength the longest flattened path, in characters
 */
public record FlattenSettings(@DefaultValue("16") @Positive int maxDepth, @DefaultValue("1000") @Positive int maxPaths,
		@DefaultValue("1024") @Positive int maxStringLength, @DefaultValue("256") @Positive int maxPathLength) {

}
