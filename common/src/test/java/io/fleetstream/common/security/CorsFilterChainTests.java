package io.fleetstream.common.security;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.filter.CorsFilter;

import io.fleetstream.common.web.FleetWebAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's filter chain answers cross-origin requests only when
 * {@code fleet.web.cors.allowed-origins} names an origin, and then before authentication.
 */
class CorsFilterChainTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FleetWebAutoConfiguration.class, FleetSecurityAutoConfiguration.class))
		.withPropertyValues("fleet.security.jwt.issuer-uri=https://login.example.com/realms/fleet",
				"fleet.security.jwt.audiences=fleetstream-api");

	@Test
	void noCorsFilterByDefault() {
		this.runner.run((context) -> assertThat(
				context.getBean("fleetApiSecurityFilterChain", SecurityFilterChain.class).getFilters())
			.noneMatch(CorsFilter.class::isInstance));
	}

	@Test
	void aConfiguredOriginAddsTheCorsFilterAheadOfTheTokenCheck() {
		this.runner.withPropertyValues("fleet.web.cors.allowed-origins=http://localhost:8080").run((context) -> {
			var filters = context.getBean("fleetApiSecurityFilterChain", SecurityFilterChain.class).getFilters();
			int cors = indexOf(filters, CorsFilter.class);
			int bearer = indexOf(filters,
					org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter.class);
			assertThat(cors).isNotNegative().isLessThan(bearer);
		});
	}

	@Test
	void aWildcardOriginIsRefusedAtStartUp() {
		this.runner.withPropertyValues("fleet.web.cors.allowed-origins=*")
			.run((context) -> assertThat(context).hasFailed());
	}

	private static int indexOf(java.util.List<jakarta.servlet.Filter> filters, Class<?> type) {
		for (int i = 0; i < filters.size(); i++) {
			if (type.isInstance(filters.get(i))) {
				return i;
			}
		}
		return -1;
	}

}
