package io.fleetstream.enrichment.api;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A malformed request parameter: a 400 problem naming the parameter, as ingest-service
 * answers.
 */
final class InvalidParameterException extends ErrorResponseException {

	private InvalidParameterException(ProblemDetail problem) {
		super(HttpStatus.BAD_REQUEST, problem, null);
	}

	static InvalidParameterException of(String parameter, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Invalid request parameter");
		problem.setType(URI.create("about:blank"));
		problem.setProperty("parameter", parameter);
		return new InvalidParameterException(problem);
	}

}
