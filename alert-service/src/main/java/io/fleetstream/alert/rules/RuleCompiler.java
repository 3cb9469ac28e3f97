package io.fleetstream.alert.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

import org.springframework.boot.convert.DurationStyle;

/**
 * Turns the configured rules into validated {@link Rule}s, or fails with every problem,
 * each naming its rule: an id that is not kebab-case, an unknown kind or severity, a
 * condition that does not parse, names an undeclared function, variable or type, or is
 * not a boolean, a bad duration, a template placeholder that is not closed or unknown.
 * <p>
 * The CEL environment is closed: the variables {@code state} (the car's flattened
 * signals, {@code map(string, dyn)}) and {@code params} (the rule's thresholds), CEL's
 * standard functions and macros, and {@link ConditionFunctions}. No Java class, method,
 * field or protobuf message can be named.
 */
public final class RuleCompiler {

	private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

	private static final Pattern PARAM = Pattern.compile("\\bparams\\.([A-Za-z_][A-Za-z0-9_]*)");

	private static final Pattern DURATION_LITERAL = Pattern
		.compile("\\bduration\\(\\s*(?:'([^']*)'|\"([^\"]*)\")\\s*\\)");

	private static final Pattern STRING_LITERAL = Pattern.compile("'([^']*)'|\"([^\"]*)\"");

	static final String DEFAULT_SUBJECT = "[{{severity}}] {{rule}} {{state}}: car {{carId}}";

	static final String DEFAULT_MESSAGE = "{{description}}\n\nCar: {{carId}}\nState: {{state}} at {{eventTime}}\n"
			+ "Episode: {{episodeId}}";

	private final CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
		.addVar("state", ConditionFunctions.STATE_TYPE)
		.addVar("params", ConditionFunctions.STATE_TYPE)
		.addFunctionDeclarations(ConditionFunctions.declarations())
		.setResultType(SimpleType.BOOL)
		.build();

	private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder()
		.addFunctionBindings(ConditionFunctions.bindings())
		.build();

	/**
	 * @param settings the rules by id, as configured (disabled ones are validated too, so
	 * switching one on cannot fail later)
	 * @return the enabled rules, ordered by id
	 * @throws InvalidRuleException naming every invalid rule and its problem
	 */
	public List<Rule> compile(Map<String, RuleSettings> settings) {
		List<String> problems = new ArrayList<>();
		List<Rule> rules = new ArrayList<>();
		new TreeMap<>(settings).forEach((id, rule) -> {
			List<String> ruleProblems = new ArrayList<>();
			Rule compiled = compile(id, rule, ruleProblems);
			ruleProblems.forEach((problem) -> problems.add("rule '" + id + "': " + problem));
			if (ruleProblems.isEmpty() && rule.enabled()) {
				rules.add(compiled);
			}
		});
		if (!problems.isEmpty()) {
			throw new InvalidRuleException(problems);
		}
		return List.copyOf(rules);
	}

	private Rule compile(String id, RuleSettings settings, List<String> problems) {
		if (!ID.matcher(id).matches()) {
			problems.add("the id must be kebab-case: lower-case letters, digits and '-', at most 63 characters");
		}
		RuleKind kind = parseEnum(RuleKind.class, settings.kind(), "kind", problems);
		Severity severity = parseEnum(Severity.class, settings.severity(), "severity", problems);
		Duration forDuration = duration(settings.forDuration(), "for", problems);
		Duration cooldown = duration(settings.cooldown(), "cooldown", problems);
		CelRuntime.Program program = null;
		ConditionReads reads = ConditionReads.ALWAYS;
		if (kind == RuleKind.CONDITION) {
			CelAbstractSyntaxTree ast = ast(settings.condition(), problems);
			program = (ast != null) ? program(ast, problems) : null;
			reads = (ast != null) ? ConditionReads.of(ast.getExpr()) : ConditionReads.ALWAYS;
			unknownParams(settings, problems);
			durationLiterals(settings.condition(), problems);
		}
		else if (settings.condition() != null && !settings.condition().isBlank()) {
			problems.add("a " + settings.kind() + " rule has no condition");
		}
		if (kind == RuleKind.NO_DATA && forDuration != null && forDuration.isZero()) {
			problems.add("a no-data rule needs 'for' (how long a car may be silent)");
		}
		if (kind == RuleKind.SCHEMA_CHANGE
				&& ((forDuration != null && !forDuration.isZero()) || (cooldown != null && !cooldown.isZero()))) {
			problems.add("a schema-change rule notifies every event: it has no 'for' and no 'cooldown'");
		}
		String subject = template(settings.subject(), DEFAULT_SUBJECT, "subject", problems);
		String message = template(settings.message(), DEFAULT_MESSAGE, "message", problems);
		for (String target : settings.targets()) {
			if (!target.startsWith("arn:")) {
				problems.add("target '" + target + "' is not an SNS topic ARN");
			}
		}
		String description = (settings.description() != null) ? settings.description() : id;
		return new Rule(id, kind, description, settings.condition(), program, forDuration, cooldown, severity, subject,
				message, List.copyOf(settings.targets()), params(settings.params()), paths(settings.condition()),
				reads);
	}

	private CelAbstractSyntaxTree ast(String condition, List<String> problems) {
		if (condition == null || condition.isBlank()) {
			problems.add("a condition rule needs a 'condition'");
			return null;
		}
		try {
			return this.compiler.compile(condition).getAst();
		}
		catch (CelValidationException ex) {
			problems.add("condition does not compile: " + ex.getMessage().replace('\n', ' '));
			return null;
		}
	}

	private CelRuntime.Program program(CelAbstractSyntaxTree ast, List<String> problems) {
		try {
			return this.runtime.createProgram(ast);
		}
		catch (CelEvaluationException ex) {
			problems.add("condition cannot be planned: " + ex.getMessage());
			return null;
		}
	}

	private static void unknownParams(RuleSettings settings, List<String> problems) {
		if (settings.condition() == null) {
			return;
		}
		Matcher matcher = PARAM.matcher(settings.condition());
		while (matcher.find()) {
			if (!settings.params().containsKey(matcher.group(1))) {
				problems.add("condition reads params." + matcher.group(1) + ", which the rule does not define (params: "
						+ settings.params().keySet() + ")");
			}
		}
	}

	/**
	 * CEL checks a {@code duration('...')} literal only when it evaluates it: check each
	 * one now, so a typo fails the start-up instead of every evaluation.
	 */
	private void durationLiterals(String condition, List<String> problems) {
		if (condition == null) {
			return;
		}
		Matcher matcher = DURATION_LITERAL.matcher(condition);
		while (matcher.find()) {
			String literal = (matcher.group(1) != null) ? matcher.group(1) : matcher.group(2);
			try {
				CelAbstractSyntaxTree ast = this.compiler.compile("duration('" + literal + "') >= duration('0s')")
					.getAst();
				this.runtime.createProgram(ast).eval(Map.of("state", Map.of(), "params", Map.of()));
			}
			catch (CelValidationException | CelEvaluationException ex) {
				problems.add("condition has a bad duration '" + literal + "' (CEL durations: e.g. 90s, 2m, 1h30m)");
			}
		}
	}

	private static Duration duration(String text, String name, List<String> problems) {
		try {
			Duration duration = DurationStyle.detectAndParse(text.trim());
			if (duration.isNegative()) {
				problems.add("'" + name + "' must not be negative, was '" + text + "'");
			}
			return duration;
		}
		catch (IllegalArgumentException ex) {
			problems.add("'" + name + "' is not a duration (e.g. 30s, 2m, PT10M): '" + text + "'");
			return null;
		}
	}

	private static <E extends Enum<E>> E parseEnum(Class<E> type, String text, String name, List<String> problems) {
		try {
			return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
		}
		catch (IllegalArgumentException ex) {
			List<String> known = java.util.Arrays.stream(type.getEnumConstants())
				.map((constant) -> constant.name().toLowerCase(Locale.ROOT).replace('_', '-'))
				.toList();
			problems.add("unknown " + name + " '" + text + "' (known: " + String.join(", ", known) + ")");
			return null;
		}
	}

	private static String template(String template, String fallback, String name, List<String> problems) {
		String effective = (template != null && !template.isBlank()) ? template : fallback;
		String problem = TemplateSyntax.problem(effective);
		if (problem != null) {
			problems.add(name + " template: " + problem);
		}
		return effective;
	}

	private static Map<String, Object> params(Map<String, String> params) {
		Map<String, Object> typed = new LinkedHashMap<>();
		params.forEach((name, value) -> typed.put(name, typed(value)));
		return Map.copyOf(typed);
	}

	private static Object typed(String value) {
		if ("true".equals(value) || "false".equals(value)) {
			return Boolean.valueOf(value);
		}
		try {
			return Double.valueOf(value);
		}
		catch (NumberFormatException ex) {
			return value;
		}
	}

	/** The string literals of the condition that look like paths or path prefixes. */
	private static List<String> paths(String condition) {
		if (condition == null) {
			return List.of();
		}
		List<String> paths = new ArrayList<>();
		Matcher matcher = STRING_LITERAL.matcher(condition);
		while (matcher.find()) {
			String literal = (matcher.group(1) != null) ? matcher.group(1) : matcher.group(2);
			if (literal.contains(".") && !paths.contains(literal)) {
				paths.add(literal);
			}
		}
		return List.copyOf(paths);
	}

}
