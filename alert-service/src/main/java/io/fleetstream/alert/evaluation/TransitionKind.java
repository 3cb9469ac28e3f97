package io.fleetstream.alert.evaluation;

/** An episode's notified transitions. */
public enum TransitionKind {

	FIRING, RESOLVED

}
