package io.fleetstream.alert.api;

import java.util.List;
import java.util.Map;

import io.fleetstream.alert.rules.Rule;
import io.fleetstream.alert.rules.RuleSet;
import io.swagger.v3.oas.annotations.Operation;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The active rules with their parameters.
 */
@RestController
@RequestMapping("/api/v1/rules")
class RuleController {

	private final RuleSet rules;

	RuleController(RuleSet rules) {
		this.rules = rules;
	}

	@GetMapping
	@Operation(summary = "The active rules with their parameters")
	List<RuleView> list() {
		return this.rules.all().stream().map(RuleView::of).toList();
	}

	/**
	 * A rule as configured and validated.
	 *
	 * @param id its id
	 * @param kind condition or no-data
	 * @param description for people
	 * @param condition the CEL condition
	 * @param forDuration how long it must hold ({@code for}, ISO-8601)
	 * @param cooldown the least time from a resolution to the next firing (ISO-8601)
	 * @param severity how urgent
	 * @param params the thresholds
	 * @param targets the SNS topics (empty: the default)
	 */
	record RuleView(String id, String kind, String description, String condition, String forDuration, String cooldown,
			String severity, Map<String, Object> params, List<String> targets) {

		static RuleView of(Rule rule) {
			return new RuleView(rule.id(), rule.kind().name(), rule.description(), rule.condition(),
					rule.forDuration().toString(), rule.cooldown().toString(), rule.severity().name(), rule.params(),
					rule.targets());
		}

	}

}
