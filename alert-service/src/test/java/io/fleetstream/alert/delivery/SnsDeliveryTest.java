package io.fleetstream.alert.delivery;

import io.fleetstream.alert.AlertProperties;
import io.fleetstream.common.redis.AsyncRedis;
import io.fleetstream.devinfra.RedisProcess;
import io.fleetstream.testsupport.SharedRedis;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.sns.SnsClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.fleetstream.alert.delivery.DeliveryTestNotifications.TOPIC;

/**
 * The SNS delivery's test context, shared by its test classes (one context, one stand-in
 * per JVM): the shared real redis-server, the {@link SnsStandIn}, and the SnsClient
 * Spring Cloud AWS builds from the standard {@code spring.cloud.aws.*} properties (static
 * region, endpoint override, credentials from the SDK's default chain: the test-only
 * {@code aws.accessKeyId}/{@code aws.secretAccessKey} system properties the build sets).
 */
@SpringBootTest(classes = DeliveryTestApplication.class,
		properties = { "spring.cloud.aws.region.static=eu-west-1", "fleet.alert.sns.topic-arn=" + TOPIC })
abstract class SnsDeliveryTest {

	/** Stopped when the JVM exits: the cached context keeps pointing at it. */
	static final SnsStandIn sns = SnsStandIn.start();

	@Autowired
	SnsClient snsClient;

	@Autowired
	AsyncRedis asyncRedis;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	AlertProperties properties;

	@DynamicPropertySource
	static void endpoints(DynamicPropertyRegistry registry) {
		RedisProcess redis = SharedRedis.standalone();
		registry.add("spring.data.redis.host", redis::host);
		registry.add("spring.data.redis.port", redis::port);
		registry.add("spring.cloud.aws.sns.endpoint", () -> sns.endpoint().toString());
	}

	@BeforeEach
	void resetStandIn() {
		sns.reset();
	}

}
