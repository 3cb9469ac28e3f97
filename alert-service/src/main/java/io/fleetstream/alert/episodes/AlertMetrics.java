package io.fleetstream.alert.episodes;

import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * alert-service's detection metrics (delivery's SNS metrics are the delivery's own).
 * <ul>
 * <li>{@code fleet_alerts_fired_total{rule,severity}},
 * {@code fleet_alerts_resolved_total{rule,severity}}: transitions, each counted once (a
 * replay re-evaluates nothing)</li>
 * <li>{@code fleet_alerts_silenced_total{rule}}: transitions a silence kept from
 * e-mail</li>
 * <li>{@code fleet_alert_rule_errors_total{rule}}: evaluations whose condition
 * failed</li>
 * <li>{@code fleet_alert_notifications_rejected_total{rule,reason}}: notifications SNS
 * refused as invalid (dead-lettered)</li>
 * <li>{@code fleet_alert_pending_episodes}: (car, rule) pairs whose condition holds but
 * has not fired yet, on this instance's partitions</li>
 * </ul>
 */
public class AlertMetrics {

	private final MeterRegistry registry;

	public AlertMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void transition(String ruleId, String severity, String state, boolean silenced) {
		String name = state.equals("FIRING") ? "fleet.alerts.fired" : "fleet.alerts.resolved";
		Counter.builder(name)
			.description("Alert episode transitions")
			.tag("rule", ruleId)
			.tag("severity", severity)
			.register(this.registry)
			.increment();
		if (silenced) {
			Counter.builder("fleet.alerts.silenced").tag("rule", ruleId).register(this.registry).increment();
		}
	}

	void ruleError(String ruleId) {
		Counter.builder("fleet.alert.rule.errors")
			.description("Rule evaluations that failed")
			.tag("rule", ruleId)
			.register(this.registry)
			.increment();
	}

	void rejected(String ruleId, String reason) {
		Counter.builder("fleet.alert.notifications.rejected")
			.tag("rule", ruleId)
			.tag("reason", reason)
			.register(this.registry)
			.increment();
	}

	void pendingEpisodes(Supplier<Number> pending) {
		Gauge.builder("fleet.alert.pending.episodes", pending)
			.description("Conditions holding that have not fired yet")
			.register(this.registry);
	}

}
