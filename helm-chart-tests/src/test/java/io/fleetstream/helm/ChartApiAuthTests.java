package io.fleetstream.helm;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The services refuse to start with neither a token issuer nor an explicit open API
 * (common's FleetSecurityProperties): the chart renders global.apiAuth into their
 * fleet.security settings and refuses, naming the value, what they would refuse.
 */
class ChartApiAuthTests {

	private static final Path MINIMAL = HelmChart.directory().resolve("ci/minimal-values.yaml");

	@Test
	void theIssuerAudiencesAndTokenHeaderReachTheServicesSecuritySettings() {
		Map<String, Object> full = application(Scenarios.named("full-values.yaml"));
		assertThat(ServiceConfiguration.at(full, "fleet.security.jwt.issuer-uri"))
			.isEqualTo("https://idp.example.com/realms/fleet");
		assertThat(ServiceConfiguration.at(full, "fleet.security.jwt.audiences"))
			.isEqualTo("fleetstream-api,fleetstream-map");
		assertThat(ServiceConfiguration.at(full, "fleet.security.jwt.token-header"))
			.isEqualTo("X-Auth-Request-Access-Token");
		assertThat(ServiceConfiguration.at(full, "fleet.routes.gps.topics")).as("the service's own config is kept")
			.isEqualTo("cars.gps.json");
	}

	@Test
	void anExplicitlyOpenApiIsRenderedAsOpenWithoutAnIssuer() {
		Map<String, Object> open = application(Scenarios.named("tls-password-values.yaml"));
		assertThat(ServiceConfiguration.at(open, "fleet.security.open")).isEqualTo(true);
		assertThat(open.toString()).doesNotContain("issuer-uri");
	}

	@Test
	void neitherAnIssuerNorAnOpenApiIsRefusedNamingTheValue() {
		assertThatException().isThrownBy(() -> HelmChart.template(Map.of("global.apiAuth.issuerUri", ""), MINIMAL))
			.withMessageContaining("global.apiAuth.issuerUri is required (or global.apiAuth.open: true)");
	}

	@Test
	void anIssuerWithoutAudiencesIsRefused() {
		assertThatException().isThrownBy(() -> HelmChart.template(Map.of("global.apiAuth.audiences", "null"), MINIMAL))
			.withMessageContaining("global.apiAuth.audiences needs at least one value");
	}

	@Test
	void anIssuerAndAnOpenApiTogetherAreRefused() {
		assertThatException().isThrownBy(() -> HelmChart.template(Map.of("global.apiAuth.open", true), MINIMAL))
			.withMessageContaining("global.apiAuth: set issuerUri or open, not both");
	}

	private static Map<String, Object> application(Manifests manifests) {
		return ServiceConfiguration.loadString(manifests.ingestConfigMap().getData().get("application.yaml"));
	}

}
