package io.fleetstream.common.security;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Answers the security layer's refusals as RFC 9457 problems, rendered by the same
 * exception handling as the rest of the API: each refusal is an
 * {@link ErrorResponseException} handed to Spring MVC's {@code handlerExceptionResolver},
 * so a service's {@code @RestControllerAdvice} (a {@code ResponseEntityExceptionHandler})
 * writes it like any other problem. Spring Security's bearer-token handlers set the
 * status and the RFC 6750 {@code WWW-Authenticate} header first. Requests the firewall
 * rejects get the same form.
 */
final class SecurityProblems
		implements AuthenticationEntryPoint, AuthenticationFailureHandler, AccessDeniedHandler, RequestRejectedHandler {

	private static final Log logger = LogFactory.getLog(SecurityProblems.class);

	private final AuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();

	private final AccessDeniedHandler bearerAccessDenied = new BearerTokenAccessDeniedHandler();

	private final ObjectProvider<HandlerExceptionResolver> resolver;

	SecurityProblems(ObjectProvider<HandlerExceptionResolver> resolver) {
		this.resolver = resolver;
	}

	/**
	 * A failed token authentication: 401, unless the token could not be checked at all
	 * (the issuer's keys unreadable), which says nothing about the token: 503, so that
	 * clients retry instead of discarding a good token.
	 */
	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException ex) throws IOException, ServletException {
		if (ex instanceof AuthenticationServiceException) {
			logger.warn("Could not check a bearer token: " + ex.getMessage());
			ErrorResponseException problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "Token issuer unavailable",
					"The token issuer's keys could not be read to check the token; retry shortly");
			problem.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
			send(request, response, problem);
		}
		else {
			commence(request, response, ex);
		}
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException, ServletException {
		this.bearerEntryPoint.commence(request, response, ex);
		String detail = (ex instanceof OAuth2AuthenticationException oauth
				&& StringUtils.hasText(oauth.getError().getDescription()))
						? "The bearer token was rejected: " + oauth.getError().getDescription()
						: "A bearer token is required (Authorization: Bearer <access token>)";
		send(request, response, problem(HttpStatus.UNAUTHORIZED, "Authentication required", detail));
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException, ServletException {
		this.bearerAccessDenied.handle(request, response, ex);
		String scope = isRead(request) ? FleetScopes.READ : FleetScopes.WRITE;
		ErrorResponseException problem = problem(HttpStatus.FORBIDDEN, "Insufficient scope",
				"The access token does not grant the scope this request needs: " + scope);
		problem.getBody().setProperty("requiredScope", scope);
		send(request, response, problem);
	}

	/**
	 * The firewall's refusal of a URL it deems dangerous (an encoded slash, percent or
	 * dot-segment, a semicolon, a control character), which no API request needs.
	 */
	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException ex)
			throws IOException {
		send(request, response, problem(HttpStatus.BAD_REQUEST, "Request rejected", ex.getMessage()));
	}

	void tooManyRequests(HttpServletRequest request, HttpServletResponse response, Duration retryAfter)
			throws IOException {
		long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
		ErrorResponseException problem = problem(HttpStatus.TOO_MANY_REQUESTS, "Rate limit exceeded",
				"Too many requests from this client; retry after " + seconds + " s");
		problem.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		send(request, response, problem);
	}

	void reject(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
			String detail) throws IOException {
		send(request, response, problem(status, title, detail));
	}

	void rejectParameter(HttpServletRequest request, HttpServletResponse response, String parameter, String title,
			String detail) throws IOException {
		ErrorResponseException problem = problem(HttpStatus.BAD_REQUEST, title, detail);
		problem.getBody().setProperty("parameter", parameter);
		send(request, response, problem);
	}

	private void send(HttpServletRequest request, HttpServletResponse response, ErrorResponseException problem)
			throws IOException {
		HandlerExceptionResolver mvc = this.resolver.getIfAvailable();
		if (mvc == null || mvc.resolveException(request, response, null, problem) == null) {
			// no Spring MVC exception handling in this context: status and detail only
			response.sendError(problem.getStatusCode().value(), problem.getBody().getDetail());
		}
	}

	private static ErrorResponseException problem(HttpStatus status, String title, String detail) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
		body.setTitle(title);
		return new ErrorResponseException(status, body, null);
	}

	static boolean isRead(HttpServletRequest request) {
		return HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod());
	}

}
