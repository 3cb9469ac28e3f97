package io.fleetstream.ingest.map;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;

import io.fleetstream.ingest.IngestProperties;

/**
 * The map page's Content-Security-Policy: scripts, styles and everything else from the
 * page's own origin only (no inline script, no CDN), API calls to its own origin and the
 * configured enrichment and alert origins, images also from the tile server when tiles
 * are configured.
 */
final class ContentSecurityPolicy {

	private ContentSecurityPolicy() {
	}

	static String of(IngestProperties.MapPage map) {
		Set<String> connect = new LinkedHashSet<>();
		connect.add("'self'");
		origin(map.enrichmentUrl()).ifPresent(connect::add);
		origin(map.alertUrl()).ifPresent(connect::add);
		Set<String> images = new LinkedHashSet<>();
		images.add("'self'");
		images.add("data:");
		tileOrigin(map.tileUrl()).ifPresent(images::add);
		return "default-src 'self'; script-src 'self'; style-src 'self'; img-src " + String.join(" ", images)
				+ "; connect-src " + String.join(" ", connect)
				+ "; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
	}

	/** {@code scheme://host[:port]} of a base URL; empty for an empty one. */
	static java.util.Optional<String> origin(String url) {
		if (url.isEmpty()) {
			return java.util.Optional.empty();
		}
		URI uri = URI.create(url);
		return java.util.Optional
			.of(uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : ""));
	}

	/**
	 * The tile server as a CSP source: a {@code {s}} subdomain placeholder becomes a
	 * wildcard ({@code https://*.tile.example.org}).
	 */
	static java.util.Optional<String> tileOrigin(String template) {
		if (template.isEmpty()) {
			return java.util.Optional.empty();
		}
		int hostStart = template.indexOf("://") + 3;
		int pathStart = template.indexOf('/', hostStart);
		String host = template.substring(hostStart, (pathStart != -1) ? pathStart : template.length());
		return java.util.Optional.of(template.substring(0, hostStart) + host.replaceAll("\\{[^}]*\\}", "*"));
	}

}
