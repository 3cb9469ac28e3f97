package io.fleetstream.helm;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;

import io.fleetstream.common.FleetProperties;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationStyle;

/**
 * How long a service may spend on the batch in flight when shutdown begins, from the
 * services' own settings: its Redis write is bounded by the Redis command timeout
 * ({@code spring.data.redis.timeout} in fleet-defaults.yaml) and its dead-letter publish
 * by {@code fleet.kafka.dead-letter-send-timeout} (FleetProperties' default).
 */
final class ServiceTimeouts {

	private ServiceTimeouts() {
	}

	static Duration inFlightBatch() {
		Duration redis = ServiceConfiguration.duration(ServiceConfiguration.fleetDefaults(),
				"spring.data.redis.timeout");
		return redis.plus(defaultOf(FleetProperties.Kafka.class, "deadLetterSendTimeout"));
	}

	/** The {@code @DefaultValue} of a configuration record's component. */
	static Duration defaultOf(Class<? extends Record> type, String name) {
		RecordComponent[] components = type.getRecordComponents();
		try {
			Constructor<?> canonical = type
				.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new));
			for (int i = 0; i < components.length; i++) {
				if (components[i].getName().equals(name)) {
					DefaultValue value = canonical.getParameters()[i].getAnnotation(DefaultValue.class);
					if (value == null) {
						throw new AssertionError(type.getSimpleName() + "." + name + " has no default");
					}
					return DurationStyle.detectAndParse(value.value()[0]);
				}
			}
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
		throw new AssertionError(type.getSimpleName() + " has no " + name);
	}

}
