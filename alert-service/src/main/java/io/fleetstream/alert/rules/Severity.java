package io.fleetstream.alert.rules;

/** How urgent a rule's episodes are (an SNS message attribute, a metric tag). */
public enum Severity {

	INFO, WARNING, CRITICAL

}
