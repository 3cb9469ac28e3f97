package io.fleetstream.alert.rules;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The active rules, validated at start-up.
 */
public final class RuleSet {

	private final List<Rule> rules;

	private final Map<String, Rule> byId;

	public RuleSet(List<Rule> rules) {
		this.rules = List.copyOf(rules);
		this.byId = this.rules.stream().collect(Collectors.toUnmodifiableMap(Rule::id, Function.identity()));
	}

	public List<Rule> all() {
		return this.rules;
	}

	public List<Rule> ofKind(RuleKind kind) {
		return this.rules.stream().filter((rule) -> rule.kind() == kind).toList();
	}

	public Optional<Rule> find(String id) {
		return Optional.ofNullable(this.byId.get(id));
	}

}
