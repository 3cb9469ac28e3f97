package io.fleetstream.enrichment.state;

import tools.jackson.databind.JsonNode;

/**
 * One signal's latest value and the event time it was sent at.
 *
 * @param value a JSON scalar, or an empty {@code []} / {@code {}}
 * @param timeMs the event time (epoch ms) of the update that set it
 */
public record Signal(JsonNode value, long timeMs) {

}
