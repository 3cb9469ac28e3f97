package io.fleetstream.alert.delivery;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sns.model.SnsException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which SNS answers dead-letter a notification and which retry the batch.
 */
class PublishFailureTests {

	@Test
	void invalidParameterIsPermanentWithAKebabReason() {
		PublishFailure failure = PublishFailure.of(sns(400, "InvalidParameter", "Invalid parameter: Subject"));
		assertThat(failure.permanent()).isTrue();
		assertThat(failure.reason()).isEqualTo("sns-invalid-parameter");
		assertThat(failure.detail()).isEqualTo("InvalidParameter: Invalid parameter: Subject");
		assertThat(PublishFailure.of(sns(400, "InvalidParameterValue", "x")).reason())
			.isEqualTo("sns-invalid-parameter-value");
		assertThat(PublishFailure.of(sns(404, "NotFound", "Topic does not exist")).reason()).isEqualTo("sns-not-found");
		assertThat(PublishFailure.of(sns(400, "KMSDisabled", "x")).reason()).isEqualTo("sns-kms-disabled");
		assertThat(PublishFailure.of(sns(400, null, "x")).reason()).isEqualTo("sns-rejected-400");
	}

	@Test
	void serverErrorsAndThrottlingAreTransient() {
		assertThat(PublishFailure.of(sns(500, "InternalError", "x")).permanent()).isFalse();
		assertThat(PublishFailure.of(sns(503, "ServiceUnavailable", "x")).permanent()).isFalse();
		assertThat(PublishFailure.of(sns(429, "Throttled", "Rate exceeded")).permanent()).isFalse();
		assertThat(PublishFailure.of(sns(400, "Throttling", "Rate exceeded")).permanent()).isFalse();
		assertThat(PublishFailure.of(sns(400, "KMSThrottling", "x")).permanent()).isFalse();
	}

	@Test
	void credentialAndPermissionErrorsAreTransientBecauseTheyConcernEveryMessage() {
		assertThat(PublishFailure.of(sns(403, "AuthorizationError", "not authorized")).permanent()).isFalse();
		assertThat(PublishFailure.of(sns(403, "InvalidClientTokenId", "x")).permanent()).isFalse();
		assertThat(PublishFailure.of(sns(400, "ExpiredToken", "x")).permanent()).isFalse();
	}

	@Test
	void noAnswerIsTransient() {
		assertThat(PublishFailure.of(SdkClientException.create("Unable to execute HTTP request: Connection refused"))
			.permanent()).isFalse();
		assertThat(PublishFailure.of(ApiCallTimeoutException.create(15_000)).permanent()).isFalse();
		assertThat(PublishFailure.of(new IllegalStateException("boom")).detail())
			.isEqualTo("IllegalStateException: boom");
	}

	private static SnsException sns(int status, String code, String message) {
		return (SnsException) SnsException.builder()
			.statusCode(status)
			.message(message)
			.awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
			.build();
	}

}
