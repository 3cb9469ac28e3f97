package io.fleetstream.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points a Spring test context at the JVM's shared real Kafka broker and real
 * redis-server (or Redis Cluster) through the standard {@code spring.kafka.*} and
 * {@code spring.data.redis.*} properties. Contexts with the same mode are cached and
 * reused across test classes.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface RealInfrastructure {

	RedisMode redis() default RedisMode.STANDALONE;

	enum RedisMode {

		/** One redis-server process. */
		STANDALONE,

		/** A 3-master Redis Cluster. */
		CLUSTER

	}

}
