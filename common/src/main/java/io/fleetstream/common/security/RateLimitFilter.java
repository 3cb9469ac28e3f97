package io.fleetstream.common.security;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits each client's rate on the query endpoints ({@code GET} and {@code HEAD} under
 * {@code /api/}), answering 429 problems with {@code Retry-After}. It runs after
 * authorization, so only requests the API would serve are counted, and a client is the
 * token's subject when there is one, else the request's remote address (which is the
 * proxy's unless the container is told to trust its {@code X-Forwarded-For}; see
 * {@code docs/security.md}).
 */
final class RateLimitFilter extends OncePerRequestFilter {

	private final ClientRateLimiter limiter;

	private final SecurityContextHolderStrategy securityContext;

	private final SecurityProblems problems;

	RateLimitFilter(ClientRateLimiter limiter, SecurityContextHolderStrategy securityContext,
			SecurityProblems problems) {
		this.limiter = limiter;
		this.securityContext = securityContext;
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !SecurityProblems.isRead(request) || !ApiPaths.isApi(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Duration wait = this.limiter.acquire(clientKey(request));
		if (wait.isZero()) {
			chain.doFilter(request, response);
		}
		else {
			this.problems.tooManyRequests(request, response, wait);
		}
	}

	String clientKey(HttpServletRequest request) {
		Authentication authentication = this.securityContext.getContext().getAuthentication();
		if (authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken) && authentication.getName() != null) {
			return "subject:" + authentication.getName();
		}
		return "address:" + request.getRemoteAddr();
	}

}
