package io.fleetstream.alert.delivery;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Parsing (what the rules refuse at start-up, with the position) and rendering (untrusted
 * values made safe and bounded).
 */
class AlertTemplateTests {

	@Test
	void namesEveryPlaceholderKind() {
		AlertTemplate template = AlertTemplate
			.parse("{{ carId }} {{rule}} {{signal.dtc[0]}} {{signal.engine.coolantTempC}} {{ref.carinfo.plate}}");
		assertThat(template.placeholders()).containsExactly("carId", "rule", "signal.dtc[0]",
				"signal.engine.coolantTempC", "ref.carinfo.plate");
	}

	@Test
	void unclosedPlaceholderIsRefusedWithItsPosition() {
		assertThatIllegalArgumentException().isThrownBy(() -> AlertTemplate.parse("Car {{carId is hot"))
			.withMessage("Malformed template: unclosed '{{' at line 1, column 5");
		assertThatIllegalArgumentException().isThrownBy(() -> AlertTemplate.parse("{{carId {{rule}}"))
			.withMessage("Malformed template: unclosed '{{' at line 1, column 1");
	}

	@Test
	void unknownPlaceholderIsRefusedWithItsLineAndColumn() {
		assertThatIllegalArgumentException().isThrownBy(() -> AlertTemplate.parse("Car {{carId}}\nat {{carid}}"))
			.withMessageStartingWith("Malformed template: unknown placeholder 'carid' (known: ")
			.withMessageContaining("signal.<path>, ref.<column>")
			.withMessageEndingWith(" at line 2, column 4");
		assertThatIllegalArgumentException().isThrownBy(() -> AlertTemplate.parse("{{signal.}}"))
			.withMessageContaining("unknown placeholder 'signal.'");
	}

	@Test
	void emptyAndUnmatchedBracesAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> AlertTemplate.parse("a {{ }} b"))
			.withMessage("Malformed template: empty placeholder '{{}}' at line 1, column 3");
		assertThatIllegalArgumentException().isThrownBy(() -> AlertTemplate.parse("{carId}} is hot"))
			.withMessage("Malformed template: unmatched '}}' at line 1, column 7");
		assertThatIllegalArgumentException().isThrownBy(() -> AlertTemplate.parse(null))
			.withMessage("no template given");
	}

	@Test
	void missingValueRendersAsMissing() {
		assertThat(AlertTemplate.parse("oil {{signal.engine.oil.level}}").renderBody(Map.of(), 100, 50))
			.isEqualTo("oil (missing)");
	}

	@Test
	void subjectIsOneLineAndBounded() {
		AlertTemplate template = AlertTemplate.parse("[{{severity}}]\n{{rule}}\t{{carId}}");
		Map<String, Object> values = Map.of("severity", "critical", "rule", "crash", "carId", "car-1\r\nBcc: x");
		assertThat(template.renderSubject(values, 99)).isEqualTo("[critical] crash car-1 Bcc: x");
		assertThat(template.renderSubject(values, 12)).isEqualTo("[critical] \u2026");
	}

	@Test
	void bodyKeepsTheTemplatesLinesButNotTheValues() {
		AlertTemplate template = AlertTemplate.parse("Car: {{carId}}\r\nNote: {{signal.note}}\n");
		Map<String, Object> values = Map.of("carId", "car-1", "signal.note", "a\nSeverity: info\u0000\u001b[0m");
		assertThat(template.renderBody(values, 1000, 100)).isEqualTo("Car: car-1\nNote: a Severity: info[0m\n");
	}

	@Test
	void markupAndLinksInValuesAreNeutralised() {
		AlertTemplate template = AlertTemplate.parse("<b>{{signal.x}}</b>");
		Map<String, Object> values = Map.of("signal.x", "<a href=\"https://evil.example\">click</a>");
		// the template's own markup is trusted configuration and kept
		assertThat(template.renderBody(values, 1000, 100))
			.isEqualTo("<b>\u2039a href=\"https[:]//evil.example\"\u203Aclick\u2039/a\u203A</b>");
	}

	@Test
	void valuesAreCutWithoutSplittingACharacter() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("signal.x", "ab\uD83D\uDE97cd");
		// 4 chars allowed: "ab" + ellipsis, the car emoji (a surrogate pair) is not split
		assertThat(AlertTemplate.parse("{{signal.x}}").renderBody(values, 1000, 4)).isEqualTo("ab\u2026");
		assertThat(AlertTemplate.parse("{{signal.x}}").renderBody(values, 1000, 5)).isEqualTo("ab\uD83D\uDE97\u2026");
	}

	@Test
	void invisibleAndInvalidCharactersAreRemovedOrReplaced() {
		Map<String, Object> values = Map.of("signal.x", "a\u202Eb\u200Bc\uD800d\uFFFFe\u0085f\u2028g");
		assertThat(AlertTemplate.parse("{{signal.x}}").renderSubject(values, 99)).isEqualTo("abc\uFFFDde f g");
	}

	@Test
	void wholeBodyIsBounded() {
		Map<String, Object> values = Map.of("signal.x", "y".repeat(100));
		String body = AlertTemplate.parse("{{signal.x}}\n{{signal.x}}\n{{signal.x}}").renderBody(values, 150, 100);
		assertThat(body).hasSize(150).endsWith("\u2026");
	}

	@Test
	void nonStringValuesRenderAsText() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("signal.a", 112.5);
		values.put("signal.b", false);
		values.put("signal.c", null);
		assertThat(AlertTemplate.parse("{{signal.a}} {{signal.b}} {{signal.c}}").renderBody(values, 100, 100))
			.isEqualTo("112.5 false null");
	}

}
