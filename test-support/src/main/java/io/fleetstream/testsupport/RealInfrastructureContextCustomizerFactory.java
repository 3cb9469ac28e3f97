package io.fleetstream.testsupport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fleetstream.devinfra.RedisProcess;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Applies {@link RealInfrastructure}: starts the shared broker and Redis on first use and
 * adds their addresses as the highest-priority property source.
 */
class RealInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		RealInfrastructure annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				RealInfrastructure.class);
		return (annotation != null) ? new Customizer(annotation.redis()) : null;
	}

	private record Customizer(RealInfrastructure.RedisMode redisMode) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			Map<String, Object> properties = new LinkedHashMap<>();
			properties.put("spring.kafka.bootstrap-servers", SharedKafkaBroker.bootstrapServers());
			if (this.redisMode == RealInfrastructure.RedisMode.CLUSTER) {
				properties.put("spring.data.redis.cluster.nodes", SharedRedis.cluster().nodes());
			}
			else {
				RedisProcess redis = SharedRedis.standalone();
				properties.put("spring.data.redis.host", redis.host());
				properties.put("spring.data.redis.port", redis.port());
			}
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("fleetRealInfrastructure", properties));
		}

	}

}
