package io.fleetstream.common.security;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secure by default: a servlet API starts only with an issuer (and an audience, and keys
 * fetched over TLS) or with the explicit opt-out, and says which property to set.
 */
class FleetSecurityAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FleetSecurityAutoConfiguration.class));

	@Test
	void neitherIssuerNorOptOutFailsStartUpNamingBoth() {
		this.runner.run(failsNaming("fleet.security.jwt.issuer-uri", "fleet.security.open=true"));
	}

	@Test
	void issuerTogetherWithOptOutFailsStartUp() {
		this.runner
			.withPropertyValues("fleet.security.open=true", "fleet.security.jwt.issuer-uri=https://login.example.com",
					"fleet.security.jwt.audiences=fleetstream-api")
			.run(failsNaming("fleet.security.open", "both set"));
	}

	@Test
	void issuerWithoutAudienceFailsStartUp() {
		this.runner.withPropertyValues("fleet.security.jwt.issuer-uri=https://login.example.com")
			.run(failsNaming("fleet.security.jwt.audiences", "any other application"));
	}

	@Test
	void keysFetchedInTheClearFailStartUpExceptFromLoopback() {
		this.runner
			.withPropertyValues("fleet.security.jwt.issuer-uri=http://login.example.com",
					"fleet.security.jwt.audiences=fleetstream-api")
			.run(failsNaming("fleet.security.jwt.issuer-uri", "https"));
		this.runner
			.withPropertyValues("fleet.security.jwt.issuer-uri=https://login.example.com",
					"fleet.security.jwt.jwk-set-uri=http://login.example.com/keys",
					"fleet.security.jwt.audiences=fleetstream-api")
			.run(failsNaming("fleet.security.jwt.jwk-set-uri", "https"));
		this.runner
			.withPropertyValues("fleet.security.jwt.issuer-uri=http://127.0.0.1:8180/realms/fleet",
					"fleet.security.jwt.audiences=fleetstream-api")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void issuerMakesTheApiAResourceServerBesideTheManagementChain() {
		this.runner
			.withPropertyValues("fleet.security.jwt.issuer-uri=https://login.example.com/realms/fleet",
					"fleet.security.jwt.audiences=fleetstream-api")
			.run((context) -> {
				assertThat(context).hasSingleBean(JwtDecoder.class);
				assertThat(context.getBeansOfType(SecurityFilterChain.class))
					.containsOnlyKeys("fleetManagementSecurityFilterChain", "fleetApiSecurityFilterChain");
				assertThat(context.getBean("fleetApiSecurityFilterChain", SecurityFilterChain.class).getFilters())
					.hasAtLeastOneElementOfType(BearerTokenAuthenticationFilter.class)
					.hasAtLeastOneElementOfType(RequestLimitsFilter.class)
					.hasAtLeastOneElementOfType(RateLimitFilter.class);
			});
	}

	@Test
	void optOutServesTheApiWithoutTokensButWithTheLimits() {
		this.runner.withPropertyValues("fleet.security.open=true").run((context) -> {
			assertThat(context).doesNotHaveBean(JwtDecoder.class);
			assertThat(context.getBean("fleetApiSecurityFilterChain", SecurityFilterChain.class).getFilters())
				.doesNotHaveAnyElementsOfTypes(BearerTokenAuthenticationFilter.class)
				.hasAtLeastOneElementOfType(RequestLimitsFilter.class)
				.hasAtLeastOneElementOfType(RateLimitFilter.class);
		});
	}

	@Test
	void rateLimitCanBeTurnedOff() {
		this.runner.withPropertyValues("fleet.security.open=true", "fleet.security.rate-limit.enabled=false")
			.run((context) -> assertThat(
					context.getBean("fleetApiSecurityFilterChain", SecurityFilterChain.class).getFilters())
				.doesNotHaveAnyElementsOfTypes(RateLimitFilter.class));
	}

	@Test
	void servicesWithoutAWebApiOrWithoutTheResourceServerAreLeftAlone() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FleetSecurityAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(FleetSecurityProperties.class));
		this.runner.withClassLoader(new FilteredClassLoader(BearerTokenAuthenticationFilter.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(FleetSecurityProperties.class));
	}

	private static ContextConsumer<AssertableWebApplicationContext> failsNaming(String property, String text) {
		return (context) -> assertThat(context).getFailure()
			.rootCause()
			.isInstanceOf(InvalidConfigurationPropertyValueException.class)
			.hasMessageContaining(property)
			.hasMessageContaining(text);
	}

}
