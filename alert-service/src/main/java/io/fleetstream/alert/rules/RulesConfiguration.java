package io.fleetstream.alert.rules;

import io.fleetstream.alert.AlertProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Compiles the configured rules at start-up: an invalid one stops the service.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertProperties.class)
class RulesConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(RulesConfiguration.class);

	@Bean
	RuleSet ruleSet(AlertProperties properties) {
		RuleSet rules = new RuleSet(
				new RuleCompiler().compile(RulesFile.merge(properties.rules(), properties.rulesFile())));
		logger.info("Alert rules: {}", rules.all().stream().map(Rule::id).toList());
		return rules;
	}

}
