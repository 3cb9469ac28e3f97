package io.fleetstream.alert.rules;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.google.common.collect.ImmutableList;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;

/**
 * The few functions a condition may call besides CEL's standard ones: typed, total
 * readers of the flattened state, so a missing or mistyped signal yields the rule's
 * default instead of an evaluation error. Everything else is undeclared and refused at
 * start-up; CEL has no reflection, no Java types and no I/O, so this list is the whole of
 * what a rule can reach.
 *
 * <ul>
 * <li>{@code state.num(path, default)}: the number at the path as a double, else the
 * default</li>
 * <li>{@code state.str(path, default)}: the string at the path, else the default</li>
 * <li>{@code state.flag(path, default)}: the boolean at the path, else the default</li>
 * <li>{@code state.present(path)}: the path has a non-null value</li>
 * <li>{@code state.minNum(prefix, default)}: the smallest number among the paths that
 * start with the prefix (e.g. every tyre), else the default</li>
 * <li>{@code state.anyStr(prefix, value)}: a path that starts with the prefix holds the
 * string (e.g. a door {@code OPEN})</li>
 * <li>{@code state.age(path)}: how long before the evaluated event the path was last
 * updated, a duration; missing: a very long one</li>
 * </ul>
 */
final class ConditionFunctions {

	static final MapType STATE_TYPE = MapType.create(SimpleType.STRING, SimpleType.DYN);

	/** The age of a path the state does not have: older than any threshold. */
	static final Duration UNKNOWN_AGE = Duration.ofDays(36_500);

	private ConditionFunctions() {
	}

	static List<CelFunctionDecl> declarations() {
		return List.of(member("num", "state_num", SimpleType.DOUBLE, SimpleType.STRING, SimpleType.DOUBLE),
				member("str", "state_str", SimpleType.STRING, SimpleType.STRING, SimpleType.STRING),
				member("flag", "state_flag", SimpleType.BOOL, SimpleType.STRING, SimpleType.BOOL),
				member("present", "state_present", SimpleType.BOOL, SimpleType.STRING),
				member("minNum", "state_min_num", SimpleType.DOUBLE, SimpleType.STRING, SimpleType.DOUBLE),
				member("anyStr", "state_any_str", SimpleType.BOOL, SimpleType.STRING, SimpleType.STRING),
				member("age", "state_age", SimpleType.DURATION, SimpleType.STRING));
	}

	private static CelFunctionDecl member(String name, String overloadId, CelType result, CelType... args) {
		ImmutableList<CelType> types = ImmutableList.<CelType>builder().add(STATE_TYPE).add(args).build();
		return CelFunctionDecl.newFunctionDeclaration(name,
				CelOverloadDecl.newMemberOverload(overloadId, result, types));
	}

	static List<CelFunctionBinding> bindings() {
		return List.of(
				CelFunctionBinding.from("state_num", ImmutableList.of(Map.class, String.class, Double.class),
						(args) -> number(((Map<?, ?>) args[0]).get(args[1]), (Double) args[2])),
				CelFunctionBinding.from("state_str", ImmutableList.of(Map.class, String.class, String.class),
						(args) -> (((Map<?, ?>) args[0]).get(args[1]) instanceof String value) ? value : args[2]),
				CelFunctionBinding.from("state_flag", ImmutableList.of(Map.class, String.class, Boolean.class),
						(args) -> (((Map<?, ?>) args[0]).get(args[1]) instanceof Boolean value) ? value : args[2]),
				CelFunctionBinding.from("state_present", Map.class, String.class,
						(Map state, String path) -> state.get(path) != null),
				CelFunctionBinding.from("state_min_num", ImmutableList.of(Map.class, String.class, Double.class),
						(args) -> minNumber((Map<?, ?>) args[0], (String) args[1], (Double) args[2])),
				CelFunctionBinding.from("state_any_str", ImmutableList.of(Map.class, String.class, String.class),
						(args) -> anyString((Map<?, ?>) args[0], (String) args[1], args[2])),
				CelFunctionBinding.from("state_age", Map.class, String.class, ConditionFunctions::age));
	}

	static Double number(Object value, Double fallback) {
		if (value instanceof Double number) {
			return number;
		}
		if (value instanceof Number number && !(value instanceof BigDecimal)) {
			return number.doubleValue();
		}
		if (value instanceof BigDecimal number) {
			return number.doubleValue();
		}
		return fallback;
	}

	private static Double minNumber(Map<?, ?> state, String prefix, Double fallback) {
		Double min = null;
		for (Map.Entry<?, ?> entry : state.entrySet()) {
			if (((String) entry.getKey()).startsWith(prefix)) {
				Double value = number(entry.getValue(), null);
				if (value != null && (min == null || value < min)) {
					min = value;
				}
			}
		}
		return (min != null) ? min : fallback;
	}

	private static Boolean anyString(Map<?, ?> state, String prefix, Object value) {
		for (Map.Entry<?, ?> entry : state.entrySet()) {
			if (((String) entry.getKey()).startsWith(prefix) && value.equals(entry.getValue())) {
				return true;
			}
		}
		return false;
	}

	@SuppressWarnings("rawtypes")
	private static Duration age(Map state, String path) {
		if (state instanceof SignalView view) {
			Long time = view.timeOf(path);
			if (time != null) {
				return Duration.ofMillis(Math.max(0, view.eventTimeMs() - time));
			}
		}
		return UNKNOWN_AGE;
	}

}
