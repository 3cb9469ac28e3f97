package io.fleetstream.local;

import java.util.List;

/**
 * One part of the local stack: a piece of infrastructure, a service or a simulator. The
 * stack starts its components in order and stops them in reverse order, so a new service
 * or simulator is one more implementation added to a list in {@link LocalStack}.
 */
public interface LocalComponent {

	/** The name shown in the start-up banner and the logs. */
	String name();

	/** Starts the component and returns once it is ready to be used. */
	void start() throws Exception;

	/** Stops the component; never throws, safe to call when it did not start. */
	void stop();

	/** Where to reach it, for the start-up banner. */
	String address();

	/** URLs worth opening once the stack runs. */
	default List<String> urlsToTry() {
		return List.of();
	}

}
