package io.fleetstream.common.security;

/**
 * The OAuth2 scopes of FleetStream's APIs, and the authorities Spring Security derives
 * from a token's {@code scope} (or {@code scp}) claim.
 */
public final class FleetScopes {

	/** Reading positions, summaries, alerts: every {@code GET} under {@code /api/}. */
	public static final String READ = "fleet:read";

	/**
	 * Changing state: alert acknowledgements and silences, every other method under
	 * {@code /api/}.
	 */
	public static final String WRITE = "fleet:write";

	static final String READ_AUTHORITY = "SCOPE_" + READ;

	static final String WRITE_AUTHORITY = "SCOPE_" + WRITE;

	private FleetScopes() {
	}

}
