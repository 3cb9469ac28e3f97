package io.fleetstream.common.security;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before any authentication work, requests larger than the API takes: a path and
 * query longer than {@code max-uri-length} (414), a body on {@code GET} or {@code HEAD}
 * (400), a body longer than {@code max-body-size} (413), or a body of undeclared length
 * (411: a declared length is what lets the size be refused before it is read). Headers
 * are bounded by the container ({@code server.max-http-request-header-size}). A query
 * parameter given more than once is ambiguous (which {@code lat} is meant?) and refused
 * (400, the {@code parameter} member names it): a parameter with several values takes
 * them comma-separated, as {@code bbox} does.
 */
final class RequestLimitsFilter extends OncePerRequestFilter {

	private final FleetSecurityProperties.RequestLimits limits;

	private final SecurityProblems problems;

	RequestLimitsFilter(FleetSecurityProperties.RequestLimits limits, SecurityProblems problems) {
		this.limits = limits;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String query = request.getQueryString();
		int uriLength = request.getRequestURI().length() + ((query != null) ? query.length() + 1 : 0);
		long bodyLength = request.getContentLengthLong();
		boolean undeclaredBody = bodyLength < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
		String repeated = (uriLength <= this.limits.maxUriLength()) ? repeatedParameter(query) : null;
		if (uriLength > this.limits.maxUriLength()) {
			this.problems.reject(request, response, HttpStatus.URI_TOO_LONG, "URI too long", "The path and query are "
					+ uriLength + " characters long, more than the " + this.limits.maxUriLength() + " accepted");
		}
		else if (SecurityProblems.isRead(request) && (bodyLength > 0 || undeclaredBody)) {
			this.problems.reject(request, response, HttpStatus.BAD_REQUEST, "Body not allowed",
					"A " + request.getMethod() + " request carries no body");
		}
		else if (bodyLength > this.limits.maxBodySize().toBytes()) {
			this.problems.reject(request, response, HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
					"The body is " + bodyLength + " bytes, more than the " + this.limits.maxBodySize().toBytes()
							+ " accepted");
		}
		else if (undeclaredBody) {
			this.problems.reject(request, response, HttpStatus.LENGTH_REQUIRED, "Length required",
					"A request body must declare its Content-Length");
		}
		else if (repeated != null) {
			this.problems.rejectParameter(request, response, repeated, "Repeated parameter", repeated
					+ " is given more than once; give it once (several values go comma-separated in one parameter)");
		}
		else {
			chain.doFilter(request, response);
		}
	}

	/**
	 * The first query parameter name (percent-decoded) that occurs twice, else
	 * {@code null}. Read from the query string itself, so that no form body is read.
	 */
	static String repeatedParameter(String query) {
		if (query == null || query.isEmpty()) {
			return null;
		}
		Set<String> names = new HashSet<>();
		for (String pair : query.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode((equals < 0) ? pair : pair.substring(0, equals));
			if (!names.add(name)) {
				return name;
			}
		}
		return null;
	}

	private static String decode(String name) {
		try {
			return URLDecoder.decode(name, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return name;
		}
	}

}
