package io.fleetstream.common.security;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The API's paths: everything under {@code /api/} (the service's own context path aside).
 */
final class ApiPaths {

	static final String PATTERN = "/api/**";

	private ApiPaths() {
	}

	static boolean isApi(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.equals("/api") || path.startsWith("/api/");
	}

}
