package io.fleetstream.alert;

import io.fleetstream.alert.episodes.EpisodeSettings;
import io.fleetstream.alert.rules.RuleSources;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import io.fleetstream.alert.delivery.SnsSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Configuration;

/**
 * Hands each feature its own part of {@link AlertProperties}, so the features depend on
 * their settings types and not on the application's package (no cycle through it).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertProperties.class)
class AlertSettingsConfiguration {

	@Bean
	EpisodeSettings episodeSettings(AlertProperties properties) {
		return properties.episodes();
	}

	// primary: the delivery's test configuration (found by the tests' component scan)
	// declares one of its own
	@Bean
	@Primary
	SnsSettings snsSettings(AlertProperties properties) {
		return properties.sns();
	}

	@Bean
	RuleSources ruleSources(AlertProperties properties) {
		return new RuleSources(properties.rules(), properties.rulesFile());
	}

}
