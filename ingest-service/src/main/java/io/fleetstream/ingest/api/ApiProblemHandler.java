package io.fleetstream.ingest.api;

import io.lettuce.core.RedisException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers every error of the service's web API as an RFC 9457 problem
 * ({@code application/problem+json}). It is not limited to this package's controllers so
 * that errors raised before a controller is chosen (unknown path, 406 Not Acceptable) get
 * the same form.
 */
@RestControllerAdvice
class ApiProblemHandler extends ResponseEntityExceptionHandler {

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

	@ExceptionHandler(PositionStoreUnavailableException.class)
	ResponseEntity<Object> handleStoreKnownUnavailable(PositionStoreUnavailableException ex) {
		long seconds = ex.retryAfter().toSeconds();
		return storeUnavailable(seconds, "The position store (Redis) is unavailable; retry after " + seconds + " s");
	}

	/**
	 * A failed Redis read: 503 when Redis is unavailable (no answer within
	 * {@code fleet.ingest.api.redis-timeout}, a connection refused or reset in flight, a
	 * server still loading), else (an unexpected error reply) 500.
	 */
	@ExceptionHandler({ RedisException.class, DataAccessException.class })
	ResponseEntity<Object> handleStoreFailure(RuntimeException ex) {
		if (StoreFailures.isUnavailable(ex)) {
			this.logger.warn("Position store unavailable: " + ex);
			return storeUnavailable(1, "The position store did not answer in time; retry shortly");
		}
		this.logger.error("Position store error", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Position store error",
				"The position store answered with an error", HttpHeaders.EMPTY);
	}

	/** Anything else is a bug: a 500 problem that does not leak the exception. */
	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleUnexpected(Exception ex) {
		this.logger.error("Unexpected error", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "The request could not be completed",
				HttpHeaders.EMPTY);
	}

	private static ResponseEntity<Object> storeUnavailable(long retryAfterSeconds, String detail) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "Position store unavailable", detail, headers);
	}

	private static ResponseEntity<Object> problem(HttpStatus status, String title, String detail, HttpHeaders headers) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return ResponseEntity.status(status)
			.headers(headers)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	private static String mustBe(String parameter, @Nullable Class<?> type, @Nullable Object value) {
		boolean whole = type == Integer.class || type == int.class || type == Long.class || type == long.class;
		boolean number = whole || type == Double.class || type == double.class;
		String expected = whole ? "a whole number" : (number ? "a number" : "of type " + type);
		return parameter + " must be " + expected + ", was '" + value + "'";
	}

}
