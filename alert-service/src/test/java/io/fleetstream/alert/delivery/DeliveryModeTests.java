package io.fleetstream.alert.delivery;

import java.util.List;

import io.fleetstream.devinfra.RedisProcess;
import io.fleetstream.testsupport.SharedRedis;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sns.SnsClient;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static io.fleetstream.alert.delivery.DeliveryTestNotifications.TOPIC;
import static io.fleetstream.alert.delivery.DeliveryTestNotifications.firing;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delivery mode follows configuration alone, is logged at start-up, and the log-only
 * mode logs and counts every notification instead of dropping it. The contexts start
 * through SpringApplication, so the environment post-processor that switches the SNS
 * client off runs as in the service.
 */
@ExtendWith(OutputCaptureExtension.class)
class DeliveryModeTests {

	@Test
	void withoutATopicArnAlertsAreLoggedAndCountedNotEmailedAndNoAwsConfigurationIsNeeded(CapturedOutput output) {
		// no region, no endpoint, no topic: a laptop without AWS
		try (ConfigurableApplicationContext context = start()) {
			assertThat(context.getBean(AlertDelivery.class)).isInstanceOf(LoggingAlertDelivery.class);
			assertThat(context.getBeanNamesForType(SnsClient.class)).isEmpty();
			assertThat(output).contains("Alert delivery: LOG ONLY (no fleet.alert.sns.topic-arn set)");

			AlertNotification notification = firing("car-1\n<x>", "crash");
			assertThat(context.getBean(AlertDelivery.class).deliver(List.of(notification)).rejected()).isEmpty();

			assertThat(output)
				.contains("Alert NOT e-mailed (SNS delivery off): \"[warning] crash FIRING: car-1 \u2039x\u203A\"")
				.contains("episode=" + notification.episodeId().replace("\n<x>", " \u2039x\u203A"));
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("fleet.alert.notifications.not.emailed")
				.tags("rule", "crash", "severity", "warning")
				.counter()
				.count()).isEqualTo(1);
			assertThat(meters.get("fleet.alert.delivery.sns.enabled").gauge().value()).isZero();
		}
	}

	@Test
	void enabledFalseForcesLogOnlyEvenWithATopicArn(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start("fleet.alert.sns.topic-arn=" + TOPIC,
				"fleet.alert.sns.enabled=false")) {
			assertThat(context.getBean(AlertDelivery.class)).isInstanceOf(LoggingAlertDelivery.class);
			assertThat(output).contains("Alert delivery: LOG ONLY (fleet.alert.sns.enabled=false)");
		}
	}

	@Test
	void aTopicArnTurnsSnsOnWithTheStandardAwsProperties(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start("fleet.alert.sns.topic-arn=" + TOPIC,
				"spring.cloud.aws.region.static=ap-northeast-2")) {
			assertThat(context.getBean(AlertDelivery.class)).isInstanceOf(SnsAlertDelivery.class);
			assertThat(output).contains("Alert delivery: SNS, default topic " + TOPIC + ", region ap-northeast-2, "
					+ "endpoint (AWS default)");
		}
	}

	private static ConfigurableApplicationContext start(String... properties) {
		RedisProcess redis = SharedRedis.standalone();
		return new SpringApplicationBuilder(DeliveryTestApplication.class).web(WebApplicationType.NONE)
			.properties("spring.data.redis.host=" + redis.host(), "spring.data.redis.port=" + redis.port())
			.properties(properties)
			.run();
	}

}
