package io.fleetstream.alert.delivery;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the SNS delivery ({@code fleet.alert.sns.*}). Endpoint, region and
 * credentials are not among them: they are Spring Cloud AWS's standard
 * {@code spring.cloud.aws.*} properties (default credentials chain, so IRSA on EKS).
 *
 * @param enabled {@code false} forces the log-only mode (alerts logged and counted, not
 * e-mailed) even with a topic ARN; SNS delivery is on only when this is {@code true} and
 * {@code topic-arn} is set
 * @param topicArn the default SNS topic, used for notifications whose rule names no
 * target; unset: log-only mode (docs/alert-delivery.md)
 * @param operationsTopicArn the operations staff's topic: where {@code schema-change}
 * rules without targets of their own send (a new or retyped attribute concerns the people
 * who run the pipeline, not the fleet's operators); unset: the default topic
 * @param maxSubjectLength the longest subject sent, in UTF-16 chars (SNS refuses 100 or
 * more)
 * @param maxBodyLength the longest message body sent, in UTF-16 chars (at 4 UTF-8 bytes
 * each, the maximum stays under SNS's 256 KiB)
 * @param maxValueLength the longest untrusted value put into a body; longer ones are cut
 * and end with an ellipsis
 * @param retention how long a notification's intent and sent marks are kept: a replay
 * older than this would e-mail again, so it must be longer than the retention of the
 * alert-service's input topics (Kafka's default: 7 days)
 * @param publishConcurrency how many publishes run at once in this instance, over all its
 * consumer threads' batches (one car's notifications always one after the other, in
 * order); each waits one SNS round trip, so this bounds the publishes per second to about
 * this many per round trip
 * @param retry the AWS SDK's own retries of one publish, before the batch fails and the
 * pipeline retries it with its back-off
 */
public record SnsSettings(@DefaultValue("true") boolean enabled,
		@Pattern(regexp = "|arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}",
				message = "must be an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>), or empty") String topicArn,
		@Pattern(regexp = "|arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}",
				message = "must be an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>), or empty") String operationsTopicArn,
		@DefaultValue("99") @Min(10) @Max(99) int maxSubjectLength,
		@DefaultValue("8000") @Min(200) @Max(60000) int maxBodyLength,
		@DefaultValue("200") @Min(16) @Max(4000) int maxValueLength, @DefaultValue("14d") @NotNull Duration retention,
		@DefaultValue("16") @Min(1) @Max(64) int publishConcurrency, @DefaultValue @Valid @NotNull Retry retry) {

	/** The operations topic, else the default topic, else {@code null}. */
	public String operationsTopicOrDefault() {
		if (this.operationsTopicArn != null && !this.operationsTopicArn.isBlank()) {
			return this.operationsTopicArn;
		}
		return (this.topicArn != null && !this.topicArn.isBlank()) ? this.topicArn : null;
	}

	/** Whether SNS delivery is on: enabled and a default topic configured. */
	public boolean snsEnabled() {
		return this.enabled && this.topicArn != null && !this.topicArn.isBlank();
	}

	/**
	 * @param maxAttempts attempts of one publish by the AWS SDK (its standard strategy:
	 * 5xx, throttling and I/O errors, exponential back-off with jitter)
	 * @param attemptTimeout the longest one HTTP attempt may take
	 * @param callTimeout the longest one publish may take, its retries included; it
	 * bounds how long a batch waits for SNS before the pipeline's back-off takes over
	 */
	public record Retry(@DefaultValue("3") @Min(1) @Max(10) int maxAttempts,
			@DefaultValue("5s") @NotNull Duration attemptTimeout, @DefaultValue("15s") @NotNull Duration callTimeout) {
	}

}
