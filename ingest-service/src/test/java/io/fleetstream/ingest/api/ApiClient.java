package io.fleetstream.ingest.api;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * Real HTTP calls to the running application; JSON answers are parsed whatever their
 * status.
 */
final class ApiClient {

	private final RestClient client;

	private final JsonMapper json;

	ApiClient(int port, JsonMapper json) {
		this.client = RestClient.builder().baseUrl("http://localhost:" + port).build();
		this.json = json;
	}

	Answer get(String uri) {
		return get(uri, "application/json");
	}

	Answer get(String uri, String accept) {
		ResponseEntity<String> response = this.client.get()
			.uri(uri)
			.header(HttpHeaders.ACCEPT, accept)
			.retrieve()
			.onStatus((status) -> true, (request, answer) -> {
			})
			.toEntity(String.class);
		String body = response.getBody();
		String contentType = response.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
		boolean isJson = body != null && contentType != null && contentType.contains("json");
		return new Answer(response.getStatusCode().value(), contentType, isJson ? this.json.readTree(body) : null,
				body);
	}

	record Answer(int status, String contentType, JsonNode body, String text) {
	}

}
