package io.fleetstream.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Registers a handler (and its settings) only in a service where some
 * {@code fleet.routes.<route>.handler} names it: {@code common} ships every handler, but
 * a service carries only the ones it routes to.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnRoutedHandlerCondition.class)
public @interface ConditionalOnRoutedHandler {

	/** The handler's name, as routes refer to it. */
	String value();

}
