package io.fleetstream.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The PromQL of the chart's Grafana dashboard ({@code dashboards/fleetstream.json}): the
 * panels' queries and the template variables', and the metric names they read.
 */
final class DashboardQueries {

	static final Path FILE = HelmChart.directory().resolve("dashboards/fleetstream.json");

	private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

	private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
			"bool", "and", "or", "unless", "offset", "inf", "nan");

	private DashboardQueries() {
	}

	static JsonNode dashboard() {
		try {
			return new ObjectMapper().readTree(FILE.toFile());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Every panel (rows' nested panels included). */
	static List<JsonNode> panels() {
		List<JsonNode> panels = new ArrayList<>();
		for (JsonNode panel : dashboard().get("panels")) {
			panels.add(panel);
			panel.path("panels").forEach(panels::add);
		}
		return panels;
	}

	/** Every PromQL expression: panel targets and template variable queries. */
	static List<String> expressions() {
		List<String> expressions = new ArrayList<>();
		panels().forEach(
				(panel) -> panel.path("targets").forEach((target) -> expressions.add(target.get("expr").asText())));
		for (JsonNode variable : dashboard().path("templating").path("list")) {
			if (variable.path("type").asText().equals("query")) {
				expressions.add(variable.path("query").path("query").asText());
			}
		}
		return expressions;
	}

	/**
	 * The rows of one service's own metrics (the others are the pipeline's and the
	 * JVM's).
	 */
	static final Map<String, String> SERVICE_ROWS = Map.of("Enrichment", "enrichment", "Alerts", "alert");

	/**
	 * The panels under each row, by row title (the dashboard's rows are not collapsed: a
	 * row's panels are those after it, up to the next row).
	 */
	static Map<String, List<JsonNode>> panelsByRow() {
		Map<String, List<JsonNode>> rows = new LinkedHashMap<>();
		List<JsonNode> current = null;
		for (JsonNode panel : panels()) {
			if (panel.get("type").asText().equals("row")) {
				current = rows.computeIfAbsent(panel.get("title").asText(), (title) -> new ArrayList<>());
			}
			else if (current != null) {
				current.add(panel);
			}
		}
		return rows;
	}

	/** The metric names the panels of these rows query. */
	static Set<String> metricNamesOfRows(Set<String> rows) {
		Set<String> names = new TreeSet<>();
		panelsByRow().forEach((row, panels) -> {
			if (rows.contains(row)) {
				panels.forEach((panel) -> panel.path("targets")
					.forEach((target) -> names.addAll(metricNames(target.get("expr").asText()))));
			}
		});
		return names;
	}

	/**
	 * The metric names of the template variables and of every row but the services' own:
	 * those any FleetStream service publishes (the pipeline's, Kafka's, the JVM's) or
	 * ingest-service does.
	 */
	static Set<String> metricNamesOutsideServiceRows() {
		Set<String> rows = new TreeSet<>(panelsByRow().keySet());
		rows.removeAll(SERVICE_ROWS.keySet());
		Set<String> names = metricNamesOfRows(rows);
		for (JsonNode variable : dashboard().path("templating").path("list")) {
			if (variable.path("type").asText().equals("query")) {
				names.addAll(metricNames(variable.path("query").path("query").asText()));
			}
		}
		return names;
	}

	static Set<String> metricNames() {
		Set<String> names = new TreeSet<>();
		expressions().forEach((expression) -> names.addAll(metricNames(expression)));
		return names;
	}

	/**
	 * The metric names a PromQL expression reads: identifiers that are not functions,
	 * keywords, label names (in selectors and grouping clauses), label values or Grafana
	 * variables.
	 */
	static Set<String> metricNames(String expression) {
		String rest = expression.replaceAll("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)[^)]*\\)", "$1")
			.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "")
			.replaceAll("\\{[^}]*}", "")
			.replaceAll("\\[[^]]*]", "")
			.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "")
			.replaceAll("\\$\\{?\\w+}?", "");
		Set<String> names = new TreeSet<>();
		Matcher matcher = IDENTIFIER.matcher(rest);
		while (matcher.find()) {
			String token = matcher.group();
			boolean function = rest.substring(matcher.end()).stripLeading().startsWith("(");
			boolean number = matcher.start() > 0 && Character.isDigit(rest.charAt(matcher.start() - 1));
			if (!function && !number && !KEYWORDS.contains(token.toLowerCase())) {
				names.add(token);
			}
		}
		return names;
	}

}
