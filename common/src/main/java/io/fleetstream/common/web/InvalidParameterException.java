package io.fleetstream.common.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request parameter that is malformed, out of range or over a cap: answered with a 400
 * problem whose detail says what was wrong and whose {@code parameter} names it, the same
 * in every service so that one client-side handler serves all three APIs.
 */
public class InvalidParameterException extends ErrorResponseException {

	public InvalidParameterException(String parameter, String detail) {
		super(HttpStatus.BAD_REQUEST, problem(parameter, detail), null);
	}

	public static ProblemDetail problem(String parameter, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Invalid request parameter");
		problem.setProperty("parameter", parameter);
		return problem;
	}

}
