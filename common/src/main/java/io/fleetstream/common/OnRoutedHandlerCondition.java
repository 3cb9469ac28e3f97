package io.fleetstream.common;

import java.util.Map;
import java.util.Objects;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when a route in {@code fleet.routes} names the handler of
 * {@link ConditionalOnRoutedHandler}.
 */
class OnRoutedHandlerCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnRoutedHandler.class.getName());
		String handler = (String) Objects.requireNonNull(attributes).get("value");
		Map<String, FleetProperties.Route> routes = Binder.get(context.getEnvironment())
			.bind("fleet.routes", Bindable.mapOf(String.class, FleetProperties.Route.class))
			.orElse(Map.of());
		return routes.entrySet()
			.stream()
			.filter((route) -> handler.equals(route.getValue().handler()))
			.findFirst()
			.map((route) -> ConditionOutcome.match("route '" + route.getKey() + "' names handler '" + handler + "'"))
			.orElseGet(() -> ConditionOutcome.noMatch("no route in fleet.routes names handler '" + handler + "'"));
	}

}
