package io.fleetstream.enrichment.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.fleetstream.enrichment.schema.SchemaStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import io.fleetstream.common.web.InvalidParameterException;

/**
 * The attribute paths learned per topic, with their JSON types and first-seen times.
 */
@RestController
@RequestMapping("/api/v1/schemas")
@Tag(name = "schemas", description = "Attribute paths learned per topic")
@ProblemResponses
class SchemaController {

	/** Kafka's legal topic names. */
	private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

	private final SchemaStore schemas;

	SchemaController(SchemaStore schemas) {
		this.schemas = schemas;
	}

	@GetMapping
	@Operation(summary = "Every topic with a learned schema, and how many paths it has")
	List<TopicSummary> topics() {
		List<TopicSummary> topics = new ArrayList<>();
		for (String topic : this.schemas.topics()) {
			topics.add(new TopicSummary(topic, this.schemas.paths(topic).size()));
		}
		return topics;
	}

	@GetMapping("/{topic}")
	@Operation(summary = "A topic's attribute paths with their JSON types and first-seen times")
	TopicSchema topic(@Parameter(description = "a topic name") @PathVariable String topic) {
		if (!TOPIC.matcher(topic).matches()) {
			throw new InvalidParameterException("topic",
					"topic must be 1 to 249 characters of A-Z, a-z, 0-9, '.', '_' or '-'");
		}
		Map<String, SchemaStore.PathInfo> paths = this.schemas.paths(topic);
		if (paths.isEmpty()) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
					"No schema is learned for topic '" + topic + "'");
			problem.setTitle("Schema not found");
			problem.setProperty("topic", topic);
			throw new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
		}
		List<PathView> views = new ArrayList<>();
		paths.forEach((path, info) -> views.add(new PathView(path, info.type().wireName(), info.firstSeen(),
				(info.partition() >= 0) ? new Example(info.partition(), info.offset()) : null)));
		return new TopicSchema(topic, views);
	}

	record TopicSummary(String topic, int paths) {
	}

	record TopicSchema(String topic, List<PathView> paths) {
	}

	/**
	 * @param path the flattened path
	 * @param type its JSON type
	 * @param firstSeen epoch ms event time of the first record showing it with this type
	 * @param example that record ({@code null} for a path declared by the baseline)
	 */
	record PathView(String path, String type, long firstSeen, Example example) {
	}

	record Example(int partition, long offset) {
	}

}
