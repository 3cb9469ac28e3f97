package io.fleetstream.enrichment.state;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

class SignalTableTests {

	@Test
	void behavesAsATreeMapUnderRandomPutsAndRemovals() {
		Random random = new Random(42);
		SignalTable table = new SignalTable();
		TreeMap<String, Signal> expected = new TreeMap<>();
		for (int step = 0; step < 20_000; step++) {
			String path = "p" + random.nextInt(60) + ((random.nextInt(3) == 0) ? "[" + random.nextInt(4) + "]" : "");
			int action = random.nextInt(10);
			if (action < 3) {
				Signal signal = new Signal(JsonNodeFactory.instance.numberNode(step), step);
				assertThat(table.put(path, signal)).isEqualTo(expected.put(path, signal));
			}
			else if (action < 6) {
				// the merge's way: one search, then a write at its result
				Signal signal = new Signal(JsonNodeFactory.instance.numberNode(step), step);
				int index = table.indexOf(path);
				assertThat(index >= 0).isEqualTo(expected.containsKey(path));
				if (index >= 0) {
					assertThat(table.signal(index)).isSameAs(expected.get(path));
					table.setAt(index, signal);
				}
				else {
					table.insertAt(-index - 1, path, signal);
				}
				expected.put(path, signal);
			}
			else if (action < 8) {
				assertThat(table.remove(path)).isEqualTo(expected.remove(path));
			}
			else {
				String prefix = path.substring(0, 2);
				removeByIterator(table.entrySet().iterator(), prefix);
				removeByIterator(expected.entrySet().iterator(), prefix);
			}
			assertThat(table.get(path)).isEqualTo(expected.get(path));
			assertThat(table.containsKey(path)).isEqualTo(expected.containsKey(path));
			assertThat(textAndTimeMismatches(table)).as("step %d", step).isEmpty();
		}
		assertThat(new ArrayList<>(table.entrySet())).isEqualTo(new ArrayList<>(expected.entrySet()));
		assertThat(table).isEqualTo(expected);
		for (int i = 0; i < table.size(); i++) {
			String path = table.path(i);
			assertThat(new String(table.member(i), StandardCharsets.UTF_8)).isEqualTo("\"" + path + "\":");
			assertThat(table.signal(i)).isSameAs(expected.get(path));
		}
	}

	/**
	 * The paths whose JSON text or time, as the table keeps them beside the paths for the
	 * enriched message, are not their signal's.
	 */
	private static List<String> textAndTimeMismatches(SignalTable table) {
		List<String> mismatches = new ArrayList<>();
		for (int i = 0; i < table.size(); i++) {
			Signal signal = table.signal(i);
			if (table.json(i) != signal.json() || table.time(i) != signal.timeMs()) {
				mismatches.add(table.path(i));
			}
		}
		return mismatches;
	}

	@Test
	void membersAreEscapedJsonNames() {
		SignalTable table = new SignalTable();
		table.put("a \"b\" \\ 문", new Signal(JsonNodeFactory.instance.booleanNode(true), 1));
		assertThat(new String(table.member(0), StandardCharsets.UTF_8)).isEqualTo("\"a \\\"b\\\" \\\\ 문\":");
		assertThat(List.copyOf(table.keySet())).containsExactly("a \"b\" \\ 문");
		table.clear();
		assertThat(table).isEmpty();
		assertThat(table.entrySet().iterator().hasNext()).isFalse();
	}

	private static void removeByIterator(Iterator<Map.Entry<String, Signal>> entries, String prefix) {
		while (entries.hasNext()) {
			if (entries.next().getKey().startsWith(prefix)) {
				entries.remove();
			}
		}
	}

}
