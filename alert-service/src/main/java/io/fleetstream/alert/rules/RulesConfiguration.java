package io.fleetstream.alert.rules;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Compiles the configured rules at start-up: an invalid one stops the service.
 */
@Configuration(proxyBeanMethods = false)
class RulesConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(RulesConfiguration.class);

	@Bean
	RuleSet ruleSet(RuleSources sources) {
		RuleSet rules = new RuleSet(new RuleCompiler().compile(RulesFile.merge(sources.configured(), sources.file())));
		logger.info("Alert rules: {}", rules.all().stream().map(Rule::id).toList());
		return rules;
	}

}
