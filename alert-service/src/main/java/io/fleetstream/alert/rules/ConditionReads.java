package io.fleetstream.alert.rules;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;

/**
 * What a condition reads of a car's state, found in its compiled expression at start-up:
 * literal paths ({@code state['p']}, {@code 'p' in state}, {@code state.num('p', ..)},
 * {@code state.str}, {@code state.flag}, {@code state.present}) and literal prefixes
 * ({@code state.minNum('prefix', ..)}, {@code state.anyStr}). Its value can change only
 * when one of them changes, so a record whose {@code changed} paths
 * (docs/enriched-message.md) touch none of them leaves it as it was for that car.
 * <p>
 * Anything not known statically makes the condition {@linkplain #always() always
 * evaluated}: a path computed at evaluation time, {@code state} used in any other way (a
 * macro over it, its size, passed to a function), or {@code state.age(..)}, whose value
 * moves with the evaluated event time even when no path changes.
 *
 * @param always the condition is evaluated on every record
 * @param paths the exact paths read (empty when {@code always})
 * @param prefixes the path prefixes read (empty when {@code always})
 * @param usesTimes the condition reads the paths' event times ({@code stateTimes})
 */
public record ConditionReads(boolean always, Set<String> paths, List<String> prefixes, boolean usesTimes) {

	/** Evaluated on every record. */
	public static final ConditionReads ALWAYS = new ConditionReads(true, Set.of(), List.of(), false);

	private static final Set<String> PATH_FUNCTIONS = Set.of("num", "str", "flag", "present");

	private static final Set<String> PREFIX_FUNCTIONS = Set.of("minNum", "anyStr");

	private static final String STATE = "state";

	public ConditionReads {
		paths = Set.copyOf(paths);
		prefixes = List.copyOf(prefixes);
	}

	/**
	 * Whether a record that changed these paths can change the condition's value.
	 * @param changed the paths the record changed, or {@code null} when not known (then
	 * every path may have changed)
	 */
	public boolean affectedBy(Collection<String> changed) {
		if (this.always || changed == null) {
			return true;
		}
		for (String path : changed) {
			if (this.paths.contains(path)) {
				return true;
			}
			for (String prefix : this.prefixes) {
				if (path.startsWith(prefix)) {
					return true;
				}
			}
		}
		return false;
	}

	/** The reads of a checked condition. */
	static ConditionReads of(CelExpr condition) {
		Collector collector = new Collector();
		collector.visit(condition);
		if (collector.unknown) {
			return new ConditionReads(true, Set.of(), List.of(), collector.usesTimes);
		}
		return new ConditionReads(false, collector.paths, List.copyOf(collector.prefixes), false);
	}

	private static final class Collector {

		final Set<String> paths = new LinkedHashSet<>();

		final Set<String> prefixes = new LinkedHashSet<>();

		boolean unknown;

		boolean usesTimes;

		void visit(CelExpr expr) {
			switch (expr.getKind()) {
				case IDENT -> {
					// state reached in a way none of the cases below recognises
					if (expr.ident().name().equals(STATE)) {
						this.unknown = true;
					}
				}
				case SELECT -> {
					// state.p on a map is the key 'p'
					if (isState(expr.select().operand())) {
						this.paths.add(expr.select().field());
					}
					else {
						visit(expr.select().operand());
					}
				}
				case CALL -> call(expr.call());
				case LIST -> expr.list().elements().forEach(this::visit);
				case MAP -> expr.map().entries().forEach((entry) -> {
					visit(entry.key());
					visit(entry.value());
				});
				case STRUCT -> expr.struct().entries().forEach((entry) -> visit(entry.value()));
				case COMPREHENSION -> {
					CelExpr.CelComprehension comprehension = expr.comprehension();
					visit(comprehension.iterRange());
					visit(comprehension.accuInit());
					visit(comprehension.loopCondition());
					visit(comprehension.loopStep());
					visit(comprehension.result());
				}
				default -> {
					// constants read nothing
				}
			}
		}

		private void call(CelExpr.CelCall call) {
			String function = call.function();
			if (call.target().isPresent() && isState(call.target().get())) {
				String literal = call.args().isEmpty() ? null : literal(call.args().get(0));
				if (function.equals("age")) {
					this.unknown = true;
					this.usesTimes = true;
				}
				else if (literal != null && PATH_FUNCTIONS.contains(function)) {
					this.paths.add(literal);
				}
				else if (literal != null && PREFIX_FUNCTIONS.contains(function)) {
					this.prefixes.add(literal);
				}
				else {
					this.unknown = true;
				}
				call.args().stream().skip(1).forEach(this::visit);
				return;
			}
			if (function.equals("_[_]") && call.args().size() == 2 && isState(call.args().get(0))) {
				key(call.args().get(1));
				return;
			}
			if (function.equals("@in") && call.args().size() == 2 && isState(call.args().get(1))) {
				key(call.args().get(0));
				return;
			}
			call.target().ifPresent(this::visit);
			call.args().forEach(this::visit);
		}

		/**
		 * A key looked up in {@code state}: a literal path, else not known statically.
		 */
		private void key(CelExpr key) {
			String literal = literal(key);
			if (literal != null) {
				this.paths.add(literal);
			}
			else {
				this.unknown = true;
				visit(key);
			}
		}

		private static boolean isState(CelExpr expr) {
			return expr.getKind() == CelExpr.ExprKind.Kind.IDENT && expr.ident().name().equals(STATE);
		}

		private static String literal(CelExpr expr) {
			return (expr.getKind() == CelExpr.ExprKind.Kind.CONSTANT
					&& expr.constant().getKind() == CelConstant.Kind.STRING_VALUE) ? expr.constant().stringValue()
							: null;
		}

	}

}
