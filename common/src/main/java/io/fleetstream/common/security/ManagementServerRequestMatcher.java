package io.fleetstream.common.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * Matches every request that arrives on the management server (the actuator's own port,
 * {@code management.server.port}), whatever its path, so that the management port has its
 * own rules and nothing there falls through to the API's.
 */
final class ManagementServerRequestMatcher implements RequestMatcher {

	static final String MANAGEMENT_NAMESPACE = "management";

	@Override
	public boolean matches(HttpServletRequest request) {
		WebApplicationContext context = WebApplicationContextUtils
			.findWebApplicationContext(request.getServletContext());
		return context != null && WebServerApplicationContext.hasServerNamespace(context, MANAGEMENT_NAMESPACE);
	}

	@Override
	public String toString() {
		return "the management server";
	}

}
