package io.fleetstream.common.gps;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.fleetstream.common.pipeline.Handled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class GpsFixParserTests {

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	private static final long RECORD_TS = NOW.toEpochMilli() - 2000;

	private final GpsFixParser parser = new GpsFixParser(JsonMapper.builder().build(), Clock.fixed(NOW, ZoneOffset.UTC),
			Duration.ofMinutes(5));

	@Test
	void fullFixIsParsed() {
		GpsFix fix = accepted("{\"lat\":37.5665,\"lng\":126.978,\"ts\":1795335000123,\"speed\":42.5,\"heading\":180}");
		assertThat(fix).isEqualTo(new GpsFix("car-1", 37.5665, 126.978, 1795335000123L, 42.5, 180.0, RECORD_TS));
	}

	@Test
	void onlyLatAndLngAreRequiredAndTheRecordTimestampStandsInForTs() {
		GpsFix fix = accepted("{\"lat\":37.5,\"lng\":127}");
		assertThat(fix.ts()).isEqualTo(RECORD_TS);
		assertThat(fix.speedKmh()).isNull();
		assertThat(fix.heading()).isNull();
	}

	@Test
	void isoTimestampIsAccepted() {
		assertThat(accepted("{\"lat\":37.5,\"lng\":127,\"ts\":\"2026-11-22T09:59:00.250+00:00\"}").ts())
			.isEqualTo(Instant.parse("2026-11-22T09:59:00.250Z").toEpochMilli());
	}

	@Test
	void speedKmhIsAcceptedAsAnAliasOfSpeed() {
		assertThat(accepted("{\"lat\":37.5,\"lng\":127,\"speedKmh\":12}").speedKmh()).isEqualTo(12.0);
	}

	@Test
	void unknownAttributesAreSkipped() {
		GpsFix fix = accepted("{\"fw\":\"1.2\",\"lat\":37.5,\"sat\":{\"n\":[1,2]},\"lng\":127,\"hdop\":0.9}");
		assertThat(fix.lat()).isEqualTo(37.5);
		assertThat(fix.lng()).isEqualTo(127.0);
	}

	@Test
	void polarFixIsValidButNotGeoIndexable() {
		GpsFix fix = accepted("{\"lat\":-89.9,\"lng\":0.5}");
		assertThat(fix.geoIndexable()).isFalse();
		assertThat(accepted("{\"lat\":85.05112878,\"lng\":0.5}").geoIndexable()).isTrue();
	}

	@Test
	void timestampWithinTheAllowedSkewIsAccepted() {
		long ts = NOW.plus(Duration.ofMinutes(4)).toEpochMilli();
		assertThat(accepted("{\"lat\":37.5,\"lng\":127,\"ts\":" + ts + "}").ts()).isEqualTo(ts);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|',
			value = { "{\"lat\":37.5,\"lng\": | malformed-json", "{\"lat\":37.5,\"lng\":127} {} | malformed-json",
					"{\"lat\":37.5,\"lng\":127}} | malformed-json", "[1,2] | not-an-object", "\"text\" | not-an-object",
					"{\"lng\":127} | missing-coordinate", "{\"lat\":37.5} | missing-coordinate",
					"{\"lat\":null,\"lng\":127} | missing-coordinate",
					"{\"lat\":\"37.5\",\"lng\":127} | non-numeric-coordinate",
					"{\"lat\":37.5,\"lng\":true} | non-numeric-coordinate",
					"{\"lat\":1e400,\"lng\":127} | non-finite-coordinate", "{\"lat\":NaN,\"lng\":127} | malformed-json",
					"{\"lat\":90.0001,\"lng\":127} | latitude-out-of-range",
					"{\"lat\":-91,\"lng\":127} | latitude-out-of-range",
					"{\"lat\":37.5,\"lng\":180.5} | longitude-out-of-range",
					"{\"lat\":37.5,\"lng\":-181} | longitude-out-of-range", "{\"lat\":0,\"lng\":0} | null-island",
					"{\"lat\":0.0,\"lng\":-0.0} | null-island",
					"{\"lat\":37.5,\"lng\":127,\"ts\":\"yesterday\"} | invalid-timestamp",
					"{\"lat\":37.5,\"lng\":127,\"ts\":-5} | invalid-timestamp",
					"{\"lat\":37.5,\"lng\":127,\"ts\":{}} | invalid-timestamp",
					"{\"lat\":37.5,\"lng\":127,\"ts\":1795341960000} | future-timestamp",
					"{\"lat\":37.5,\"lng\":127,\"ts\":\"+999999999-12-31T23:59:59Z\"} | invalid-timestamp",
					"{\"lat\":37.5,\"lng\":127,\"ts\":1796112341} | timestamp-in-seconds",
					"{\"lat\":37.5,\"lng\":127,\"ts\":99999999999} | timestamp-in-seconds",
					"{\"lat\":37.5,\"lng\":127,\"ts\":631152000000} | past-timestamp",
					"{\"lat\":37.5,\"lng\":127,\"ts\":\"1970-01-21T18:55:12Z\"} | past-timestamp",
					"{\"lat\":95,\"lat\":37.55,\"lng\":127} | duplicate-key",
					"{\"lat\":37.5,\"lng\":127,\"ts\":1795335000000,\"ts\":1795335001000} | duplicate-key",
					"{\"lat\":37.5,\"lng\":127,\"speed\":1,\"speed\":2} | duplicate-key",
					"{\"fw\":1,\"lat\":37.5,\"lng\":127,\"fw\":2} | duplicate-key",
					"{\"lat\":37.5,\"lng\":127,\"speed\":-1} | invalid-speed",
					"{\"lat\":37.5,\"lng\":127,\"speed\":\"fast\"} | invalid-speed",
					"{\"lat\":37.5,\"lng\":127,\"heading\":361} | invalid-heading",
					"{\"lat\":37.5,\"lng\":127,\"heading\":\"N\"} | invalid-heading" })
	void invalidFixIsRejectedWithItsReason(String json, String reason) {
		Handled<GpsFix> handled = this.parser.parse("car-1", json.getBytes(StandardCharsets.UTF_8), RECORD_TS);
		assertThat(handled).isInstanceOfSatisfying(Handled.Rejected.class, (rejected) -> {
			assertThat(rejected.reason()).isEqualTo(reason);
			assertThat(rejected.detail()).isNotBlank();
		});
	}

	@Test
	void fixAsFarBehindTheRecordTimestampAsAllowedIsAccepted() {
		long ts = RECORD_TS - GpsFixParser.DEFAULT_MAX_PAST_SKEW.toMillis();
		assertThat(accepted("{\"lat\":37.5,\"lng\":127,\"ts\":" + ts + "}").ts()).isEqualTo(ts);
	}

	@Test
	void pastSkewIsMeasuredFromTheRecordTimestampSoAnOldTopicReconsumedLaterIsAccepted() {
		long producedAt = NOW.minus(Duration.ofDays(30)).toEpochMilli();
		String json = "{\"lat\":37.5,\"lng\":127,\"ts\":" + (producedAt - 1000) + "}";
		assertThat(this.parser.parse("car-1", json.getBytes(StandardCharsets.UTF_8), producedAt))
			.isInstanceOf(Handled.Accepted.class);
	}

	@Test
	void pastSkewIsConfigurable() {
		GpsFixParser strict = new GpsFixParser(JsonMapper.builder().build(), Clock.fixed(NOW, ZoneOffset.UTC),
				Duration.ofMinutes(5), Duration.ofMinutes(1));
		String json = "{\"lat\":37.5,\"lng\":127,\"ts\":" + (RECORD_TS - 61_000) + "}";
		assertThat(strict.parse("car-1", json.getBytes(StandardCharsets.UTF_8), RECORD_TS))
			.isInstanceOfSatisfying(Handled.Rejected.class, (rejected) -> {
				assertThat(rejected.reason()).isEqualTo("past-timestamp");
				assertThat(rejected.detail()).contains("PT1M behind the record's timestamp");
			});
	}

	@Test
	void recordWithoutTimestampIsNotCheckedForPastSkew() {
		String json = "{\"lat\":37.5,\"lng\":127,\"ts\":631152000000}";
		assertThat(this.parser.parse("car-1", json.getBytes(StandardCharsets.UTF_8), -1))
			.isInstanceOf(Handled.Accepted.class);
	}

	@Test
	void duplicateKeyIsNamedInTheDetail() {
		assertThat(this.parser.parse("car-1", "{\"lat\":95,\"lat\":37.55,\"lng\":127}".getBytes(StandardCharsets.UTF_8),
				RECORD_TS))
			.isEqualTo(Handled.rejected("duplicate-key", "\"lat\" is given more than once"));
	}

	@Test
	void secondsTimestampIsExplained() {
		assertThat(this.parser.parse("car-1",
				"{\"lat\":37.5,\"lng\":127,\"ts\":1796112341}".getBytes(StandardCharsets.UTF_8), RECORD_TS))
			.isEqualTo(Handled.rejected("timestamp-in-seconds",
					"ts 1796112341 would be 1970-01-21T18:55:12.341Z: it looks like epoch seconds, ts must be epoch millis"));
	}

	@ParameterizedTest(name = "key {0}")
	@ValueSource(strings = { "p sp", "line\nbreak", "{x}", "car/1", "car%2F1", "caf\u00e9", "\ufffd", "a*" })
	void keyBreakingTheCarIdRuleIsRejected(String carId) {
		assertThat(this.parser.parse(carId, "{\"lat\":1,\"lng\":2}".getBytes(StandardCharsets.UTF_8), RECORD_TS))
			.isEqualTo(Handled.rejected("invalid-car-id",
					"the record key (car id) must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'"));
	}

	@Test
	void keyOfSixtyFiveCharactersIsRejectedAndSixtyFourAreAccepted() {
		byte[] json = "{\"lat\":1,\"lng\":2}".getBytes(StandardCharsets.UTF_8);
		assertThat(this.parser.parse("a".repeat(64), json, RECORD_TS)).isInstanceOf(Handled.Accepted.class);
		assertThat(this.parser.parse("a".repeat(65), json, RECORD_TS)).isInstanceOfSatisfying(Handled.Rejected.class,
				(rejected) -> assertThat(rejected.reason()).isEqualTo("invalid-car-id"));
	}

	@Test
	void recordWithoutCarIdIsRejected() {
		assertThat(this.parser.parse(null, "{\"lat\":1,\"lng\":2}".getBytes(StandardCharsets.UTF_8), RECORD_TS))
			.isEqualTo(Handled.rejected("missing-car-id", "the record key (car id) is empty"));
	}

	@Test
	void recordWithoutValueIsRejected() {
		assertThat(this.parser.parse("car-1", null, RECORD_TS)).isInstanceOfSatisfying(Handled.Rejected.class,
				(rejected) -> assertThat(rejected.reason()).isEqualTo("not-an-object"));
	}

	private GpsFix accepted(String json) {
		Handled<GpsFix> handled = this.parser.parse("car-1", json.getBytes(StandardCharsets.UTF_8), RECORD_TS);
		assertThat(handled).isInstanceOf(Handled.Accepted.class);
		return ((Handled.Accepted<GpsFix>) handled).value();
	}

}
