package io.fleetstream.helm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.fleetstream.ingest.IngestApplication;
import io.fleetstream.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart moves each service's OpenAPI document off the shared {@code /v3/api-docs}
 * (springdoc.api-docs.path in its ConfigMap) so that one ingress host can route the
 * three: a running ingest-service with the path the chart renders serves its document
 * there, and its own Swagger UI follows it.
 */
@SpringBootTest(classes = IngestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "fleet.kafka.create-topics=true", "fleet.security.open=true" })
@RealInfrastructure
class OpenApiPathIntegrationTests {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void chartsOpenApiPath(DynamicPropertyRegistry registry) {
		registry.add("springdoc.api-docs.path", OpenApiPathIntegrationTests::chartsPath);
	}

	static String chartsPath() {
		return (String) ServiceConfiguration.at(Scenarios.named("minimal-values.yaml").application("ingest"),
				"springdoc.api-docs.path");
	}

	@Test
	void servesItsOpenApiDocumentAtTheChartsPathAndItsSwaggerUiReadsItThere() throws Exception {
		String path = chartsPath();
		assertThat(path).isEqualTo("/openapi/ingest");

		HttpResponse<String> document = get(path);
		assertThat(document.statusCode()).isEqualTo(200);
		assertThat(document.body()).contains("\"openapi\"").contains("/api/v1/vehicles");
		assertThat(get("/v3/api-docs").statusCode()).as("the default path is free for the other services")
			.isNotEqualTo(200);

		HttpResponse<String> swaggerConfig = get(path + "/swagger-config");
		assertThat(swaggerConfig.statusCode()).isEqualTo(200);
		assertThat(swaggerConfig.body()).contains("\"url\":\"" + path + "\"");
		assertThat(get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
	}

}
