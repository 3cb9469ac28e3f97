package io.fleetstream.common.web;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The part of every service's API error handling that does not depend on what the service
 * stores: a bad parameter is a 400 problem naming it ({@link InvalidParameterException}'s
 * form), every problem is {@code application/problem+json}, and anything unexpected is a
 * 500 problem that does not leak the exception. A service extends it with a
 * {@code @RestControllerAdvice} that maps its own store's failures, using
 * {@link #unavailable} and {@link #problem} so that all three APIs answer alike.
 */
public abstract class FleetProblemHandler extends ResponseEntityExceptionHandler {

	/** Longest rejected value quoted back in a problem's detail. */
	private static final int MAX_QUOTED_VALUE = 80;

	@Override
	protected @Nullable ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String parameter = (ex.getPropertyName() != null) ? ex.getPropertyName() : "parameter";
		ProblemDetail problem = InvalidParameterException.problem(parameter,
				mustBe(parameter, ex.getRequiredType(), ex.getValue()));
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		FieldError error = ex.getBindingResult().getFieldError();
		if (error == null) {
			return super.handleMethodArgumentNotValid(ex, headers, status, request);
		}
		Class<?> type = ex.getBindingResult().getFieldType(error.getField());
		String detail = error.isBindingFailure() ? mustBe(error.getField(), type, error.getRejectedValue())
				: error.getField() + " " + error.getDefaultMessage();
		ProblemDetail problem = InvalidParameterException.problem(error.getField(), detail);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * A constraint on a query parameter or path variable ({@code @Pattern}, {@code @Min},
	 * ...): a 400 problem naming the first parameter that failed, with the value it had
	 * (abbreviated: it is the client's input, echoed).
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (ex.getParameterValidationResults().isEmpty()) {
			return super.handleHandlerMethodValidationException(ex, headers, status, request);
		}
		ParameterValidationResult result = ex.getParameterValidationResults().get(0);
		String parameter = parameterName(result.getMethodParameter());
		String reason = result.getResolvableErrors().isEmpty() ? "is invalid"
				: result.getResolvableErrors().get(0).getDefaultMessage();
		ProblemDetail problem = InvalidParameterException.problem(parameter,
				parameter + " " + reason + ", was '" + abbreviate(String.valueOf(result.getArgument())) + "'");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * Every problem is written as {@code application/problem+json} whatever the request's
	 * {@code Accept} says: a client whose {@code Accept} cannot be parsed or allows
	 * nothing we write still learns why it was refused (Spring would otherwise send an
	 * empty body).
	 */
	@Override
	protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (body instanceof ProblemDetail) {
			HttpHeaders problemHeaders = new HttpHeaders();
			problemHeaders.putAll(headers);
			problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
			return new ResponseEntity<>(body, problemHeaders, statusCode);
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	/** Anything else is a bug: a 500 problem that does not leak the exception. */
	@ExceptionHandler(Exception.class)
	protected ResponseEntity<Object> handleUnexpected(Exception ex) {
		this.logger.error("Unexpected error", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "The request could not be completed",
				HttpHeaders.EMPTY);
	}

	/**
	 * A 503 problem with {@code Retry-After}: a store or topic the answer needs is down.
	 */
	protected static ResponseEntity<Object> unavailable(String title, String detail, long retryAfterSeconds) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
		return problem(HttpStatus.SERVICE_UNAVAILABLE, title, detail, headers);
	}

	protected static ResponseEntity<Object> problem(HttpStatus status, String title, String detail,
			HttpHeaders headers) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return ResponseEntity.status(status)
			.headers(headers)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	/** {@code value} cut to a length fit to quote back in a problem. */
	public static String abbreviate(String value) {
		return (value.length() <= MAX_QUOTED_VALUE) ? value : value.substring(0, MAX_QUOTED_VALUE) + "...";
	}

	private static String parameterName(MethodParameter parameter) {
		RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
		if (requestParam != null && !requestParam.name().isEmpty()) {
			return requestParam.name();
		}
		PathVariable pathVariable = parameter.getParameterAnnotation(PathVariable.class);
		if (pathVariable != null && !pathVariable.name().isEmpty()) {
			return pathVariable.name();
		}
		return (parameter.getParameterName() != null) ? parameter.getParameterName() : "parameter";
	}

	private static String mustBe(String parameter, @Nullable Class<?> type, @Nullable Object value) {
		boolean whole = type == Integer.class || type == int.class || type == Long.class || type == long.class;
		boolean number = whole || type == Double.class || type == double.class;
		String expected = whole ? "a whole number" : (number ? "a number" : "of type " + type);
		return parameter + " must be " + expected + ", was '" + abbreviate(String.valueOf(value)) + "'";
	}

}
