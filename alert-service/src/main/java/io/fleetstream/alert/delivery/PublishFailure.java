package io.fleetstream.alert.delivery;

import java.util.Locale;
import java.util.Set;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * What a failed publish means: SNS refused this one message for good (it is dead-lettered
 * with the reason, never retried), or the failure is transient (the batch is retried).
 *
 * <p>
 * Permanent: an error SNS answers with a 4xx status that is not throttling and not about
 * the caller's credentials or permissions ({@code InvalidParameter},
 * {@code InvalidParameterValue}, {@code NotFound} for a topic that does not exist, ...).
 * Transient: no answer at all (unreachable, timeouts), 5xx, throttling, and
 * authentication or authorization errors: those concern every message alike (expired
 * credentials, a missing IAM permission), and retrying until an operator fixes them keeps
 * the alerts, where dead-lettering would drop all of them.
 *
 * @param reason kebab-case reason ({@code sns-invalid-parameter}), null when transient
 * @param detail SNS's error code and message
 */
record PublishFailure(String reason, String detail) {

	private static final int MAX_DETAIL_LENGTH = 500;

	private static final Set<String> THROTTLING = Set.of("Throttling", "Throttled", "ThrottledException",
			"ThrottlingException", "KMSThrottling", "KMSThrottlingException", "TooManyRequestsException",
			"RequestThrottled");

	private static final Set<String> CREDENTIALS = Set.of("AuthorizationError", "AccessDenied", "AccessDeniedException",
			"InvalidClientTokenId", "SignatureDoesNotMatch", "ExpiredToken", "ExpiredTokenException",
			"IncompleteSignature", "MissingAuthenticationToken", "InvalidSecurity", "UnrecognizedClientException",
			"RequestExpired");

	static PublishFailure of(Throwable failure) {
		if (!(failure instanceof AwsServiceException service)) {
			return transientFailure(failure.getClass().getSimpleName() + ": " + failure.getMessage());
		}
		AwsErrorDetails details = service.awsErrorDetails();
		String code = (details != null) ? details.errorCode() : null;
		String message = (details != null) ? details.errorMessage() : service.getMessage();
		String detail = UntrustedText.truncate(((code != null) ? code : "HTTP " + service.statusCode()) + ": "
				+ UntrustedText.singleLine(String.valueOf(message)), MAX_DETAIL_LENGTH);
		int status = service.statusCode();
		boolean knownTransient = code != null && (THROTTLING.contains(code) || CREDENTIALS.contains(code));
		boolean permanent = status >= 400 && status < 500 && status != 401 && status != 403 && status != 429
				&& !service.isThrottlingException() && !knownTransient;
		if (!permanent) {
			return transientFailure(detail);
		}
		return new PublishFailure((code != null) ? "sns-" + kebab(code) : "sns-rejected-" + status, detail);
	}

	boolean permanent() {
		return this.reason != null;
	}

	private static PublishFailure transientFailure(String detail) {
		return new PublishFailure(null, UntrustedText.truncate(UntrustedText.singleLine(detail), MAX_DETAIL_LENGTH));
	}

	/** {@code InvalidParameterValue} -> {@code invalid-parameter-value}. */
	static String kebab(String code) {
		String kebab = code.replaceAll("([a-z0-9])([A-Z])", "$1-$2")
			.replaceAll("([A-Z])([A-Z][a-z])", "$1-$2")
			.replaceAll("[^A-Za-z0-9]+", "-")
			.toLowerCase(Locale.ROOT);
		return kebab.replaceAll("^-+|-+$", "");
	}

}
