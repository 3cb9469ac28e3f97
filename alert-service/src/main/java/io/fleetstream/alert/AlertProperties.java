package io.fleetstream.alert;

import java.util.Map;

import jakarta.validation.Valid;

import io.fleetstream.alert.delivery.SnsSettings;
import io.fleetstream.alert.episodes.EpisodeSettings;
import io.fleetstream.alert.rules.RuleSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * alert-service settings ({@code fleet.alert.*}).
 *
 * @param sns where and how alerts are e-mailed through SNS
 * @param rules the rules by id; a map rather than a list so that one property changes one
 * shipped rule's threshold ({@code fleet.alert.rules.overspeed.params.limitKmh=120}) or
 * switches it off ({@code fleet.alert.rules.overspeed.enabled=false}) and the others stay
 * @param rulesFile a YAML file with more rules under {@code rules:} (same shape); a rule
 * there replaces the configured one of the same id
 * @param episodes the episode store, the outlier topic and its retention
 */
@Validated
@ConfigurationProperties("fleet.alert")
public record AlertProperties(@DefaultValue @Valid SnsSettings sns, @DefaultValue Map<String, RuleSettings> rules,
		@Nullable String rulesFile, @DefaultValue @Valid EpisodeSettings episodes) {

}
