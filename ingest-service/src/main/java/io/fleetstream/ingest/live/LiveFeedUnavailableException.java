package io.fleetstream.ingest.live;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A subscription this instance cannot serve now: answered 503 with {@code Retry-After},
 * as an RFC 9457 problem.
 */
class LiveFeedUnavailableException extends ErrorResponseException {

	private LiveFeedUnavailableException(String title, String detail) {
		super(HttpStatus.SERVICE_UNAVAILABLE, problem(title, detail), null);
		getHeaders().set("Retry-After", "5");
	}

	static LiveFeedUnavailableException full(int maxSubscribers) {
		return new LiveFeedUnavailableException("Too many live streams",
				"This instance serves at most " + maxSubscribers + " live streams at once; retry later");
	}

	static LiveFeedUnavailableException stopping() {
		return new LiveFeedUnavailableException("Live stream unavailable", "The live feed is not running; retry later");
	}

	private static ProblemDetail problem(String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
		problem.setTitle(title);
		problem.setType(URI.create("about:blank"));
		return problem;
	}

}
