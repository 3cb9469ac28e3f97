package io.fleetstream.ingest.map;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.fleetstream.ingest.IngestProperties;

/**
 * What the map page needs to know: where the other services' APIs are, the optional
 * tiles, and how it colours cars ({@code docs/map.md}).
 */
@RestController
@ConditionalOnProperty(name = "fleet.ingest.map.enabled", matchIfMissing = true)
class MapController {

	private final MapSettings settings;

	MapController(IngestProperties properties) {
		IngestProperties.MapPage map = properties.map();
		this.settings = new MapSettings(map.enrichmentUrl(), map.alertUrl(), map.tileUrl(), map.tileAttribution(),
				map.silentAfter().toMillis(), map.drivingMinSpeedKmh(), map.alertPollInterval().toMillis());
	}

	@GetMapping("/map/config.json")
	@Operation(summary = "The live map page's settings")
	MapSettings config() {
		return this.settings;
	}

	/**
	 * @param enrichmentUrl base URL of enrichment-service's API, empty for the page's
	 * origin
	 * @param alertUrl base URL of alert-service's API, empty for the page's origin
	 * @param tileUrl tile URL template, empty for the bundled base layer only
	 * @param tileAttribution shown (as text) for the tiles
	 * @param silentAfterMs a car whose latest fix is older is silent
	 * @param drivingMinSpeedKmh from this speed on a car is driving, below it parked
	 * @param alertPollIntervalMs how often the page reads the firing alerts
	 */
	record MapSettings(String enrichmentUrl, String alertUrl, String tileUrl, String tileAttribution,
			long silentAfterMs, double drivingMinSpeedKmh, long alertPollIntervalMs) {
	}

}
