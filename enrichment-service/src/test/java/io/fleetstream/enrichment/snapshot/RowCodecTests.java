package io.fleetstream.enrichment.snapshot;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RowCodecTests {

	private final RowCodec codec = new RowCodec(DmsSamples.MAPPER);

	@Test
	void rowReadBackHasTheSameValuesAndTypes() {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("plate", "12가3456 \"quoted\" s:x");
		row.put("seats", 5L);
		row.put("battery_v", 12.0);
		row.put("ev", true);
		row.put("retired_at", null);
		row.put("empty", "");
		String encoded = this.codec.encode(row);
		assertThat(this.codec.decode(encoded)).containsExactlyEntriesOf(row);
	}

	@Test
	void plainTextIsTheValueWithoutItsType() {
		assertThat(RowCodec.typedText("Ioniq 5")).isEqualTo("sIoniq 5");
		assertThat(RowCodec.plainText(230L)).isEqualTo("230");
		assertThat(RowCodec.plainText(88.5)).isEqualTo("88.5");
		assertThat(RowCodec.plainText(false)).isEqualTo("false");
		assertThat(RowCodec.typedText(null)).isEqualTo("z");
	}

}
