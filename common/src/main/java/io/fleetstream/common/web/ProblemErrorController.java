package io.fleetstream.common.web;

import java.net.URI;
import java.net.URISyntaxException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error path as a problem: for an error forwarded by the container, its status and,
 * for a client error, its message; for a 5xx, no detail of the failure. Asked for
 * directly, {@code /error} is no resource of the API: 404.
 */
@RestController
class ProblemErrorController implements ErrorController {

	@RequestMapping(path = "${server.error.path:${error.path:/error}}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = (code instanceof Integer value) ? HttpStatus.resolve(value) : null;
		ProblemDetail problem;
		if (code == null) {
			problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
					"No resource at " + request.getRequestURI());
			problem.setTitle("Not Found");
		}
		else {
			status = (status != null && status.isError()) ? status : HttpStatus.INTERNAL_SERVER_ERROR;
			Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
			String detail = (status.is4xxClientError() && message instanceof String text && StringUtils.hasText(text))
					? text : status.getReasonPhrase();
			problem = ProblemDetail.forStatusAndDetail(status, detail);
			problem.setTitle(status.getReasonPhrase());
			if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
				problem.setInstance(instance(uri));
			}
		}
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static URI instance(String uri) {
		try {
			return new URI(uri);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

}
