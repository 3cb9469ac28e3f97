package io.fleetstream.alert.rules;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Where the rules come from: {@code fleet.alert.rules} and
 * {@code fleet.alert.rules-file}.
 *
 * @param configured the rules by id from the configuration
 * @param file the rules file, or {@code null}
 */
public record RuleSources(Map<String, RuleSettings> configured, @Nullable String file) {

}
