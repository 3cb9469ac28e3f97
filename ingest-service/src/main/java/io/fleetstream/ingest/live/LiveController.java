package io.fleetstream.ingest.live;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live position stream, server-sent events ({@code docs/map.md}).
 */
@RestController
@ConditionalOnProperty(name = "fleet.ingest.live.enabled", matchIfMissing = true)
class LiveController {

	private final LiveFeed feed;

	LiveController(LiveFeed feed) {
		this.feed = feed;
	}

	@GetMapping(path = "/api/v1/live/positions", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@Operation(summary = "The whole fleet's positions, pushed as server-sent events",
			description = "First the fleet in 'snapshot' events (chunk i of n), then 'delta' events with the cars "
					+ "whose position changed (about once per fleet.ingest.live.interval) and the cars no longer "
					+ "stored. A car is [carId, ts, lat, lng, speedKmh, heading]. 503 when the instance serves "
					+ "fleet.ingest.live.max-subscribers streams already.")
	SseEmitter positions(HttpServletResponse response) {
		SseEmitter emitter = this.feed.subscribe();
		// a proxy (nginx ingress) must pass events on at once, not buffer the stream
		response.setHeader("X-Accel-Buffering", "no");
		return emitter;
	}

}
