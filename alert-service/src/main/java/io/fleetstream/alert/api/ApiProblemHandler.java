package io.fleetstream.alert.api;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import org.jspecify.annotations.Nullable;

import io.fleetstream.alert.episodes.OutlierUnavailableException;
import io.fleetstream.alert.store.RedisFutures.AlertStoreException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.validation.method.ParameterValidationResult;
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
	 * A constraint on a query parameter or path variable ({@code @Pattern}, {@code @Min},
	 * ...): a 400 problem naming the first parameter that failed, with the value it had
	 * (abbreviated).
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
		ProblemDetail problem = InvalidParameterException.problem(parameter, parameter + " " + reason + ", was '"
				+ AlertController.abbreviate(String.valueOf(result.getArgument())) + "'");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@ExceptionHandler(OutlierUnavailableException.class)
	ResponseEntity<ProblemDetail> handleOutlierUnavailable(OutlierUnavailableException ex) {
		this.logger.warn("Outlier topic unavailable: " + ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The change is stored but the outlier topic did not acknowledge it; retry shortly");
		problem.setTitle("Outlier topic unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
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

	@ExceptionHandler({ RedisConnectionException.class, RedisCommandTimeoutException.class,
			DataAccessResourceFailureException.class, QueryTimeoutException.class, AlertStoreException.class })
	ResponseEntity<ProblemDetail> handleStoreUnavailable(RuntimeException ex) {
		this.logger.warn("Alert store unavailable: " + ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The alert store did not answer in time; retry shortly");
		problem.setTitle("Alert store unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
	}

	private static String mustBe(String parameter, @Nullable Class<?> type, @Nullable Object value) {
		boolean whole = type == Integer.class || type == int.class || type == Long.class || type == long.class;
		boolean number = whole || type == Double.class || type == double.class;
		String expected = whole ? "a whole number" : (number ? "a number" : "of type " + type);
		return parameter + " must be " + expected + ", was '" + value + "'";
	}

}
