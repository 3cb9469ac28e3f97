package io.fleetstream.common.gps;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.fleetstream.common.pipeline.Handled;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link GpsFixJson} is the inverse of {@link GpsFixParser}: what it writes, the parser
 * reads back as the same fix, in the shape the devices send.
 */
class GpsFixJsonTests {

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	private static final long RECORD_TS = NOW.toEpochMilli() - 500;

	private final GpsFixParser parser = new GpsFixParser(JsonMapper.builder().build(), Clock.fixed(NOW, ZoneOffset.UTC),
			Duration.ofMinutes(5));

	@Test
	void everyEncodedFixParsesBackToTheSameFix() {
		// the oldest event time the parser accepts
		long oldest = RECORD_TS - GpsFixParser.DEFAULT_MAX_PAST_SKEW.toMillis();
		List<GpsFix> fixes = new ArrayList<>(
				List.of(fix(90, 180, oldest, 0.0, 0.0), fix(-90, -180, oldest, null, 360.0),
						fix(0, 0.000001, NOW.toEpochMilli(), 299.9, null), fix(-0.000001, 0, oldest, null, null)));
		SplittableRandom random = new SplittableRandom(42);
		for (int i = 0; i < 10_000; i++) {
			fixes.add(fix(rounded(random.nextDouble(-90, 90), 1e6), rounded(random.nextDouble(-180, 180), 1e6),
					NOW.toEpochMilli() - random.nextLong(86_400_000),
					random.nextBoolean() ? rounded(random.nextDouble(0, 250), 10) : null,
					random.nextBoolean() ? rounded(random.nextDouble(0, 360), 10) : null));
		}
		for (GpsFix fix : fixes) {
			assertThat(parse(GpsFixJson.encode(fix))).as(fix.toString()).isEqualTo(Handled.accepted(fix, fix.ts()));
		}
	}

	@Test
	void writesTheDevicesShapeAtTheDevicesPrecision() {
		assertThat(json(GpsFixJson.encode(37.56650049, 126.9780004, 1763800000123L, 42.54, 180.0)))
			.isEqualTo("{\"lat\":37.5665,\"lng\":126.978,\"ts\":1763800000123,\"speed\":42.5,\"heading\":180}");
	}

	@Test
	void negativeValuesKeepTheirSignAndValuesRoundedToZeroLoseIt() {
		assertThat(json(GpsFixJson.encode(-33.8688, -151.2093, 1000, null, null)))
			.isEqualTo("{\"lat\":-33.8688,\"lng\":-151.2093,\"ts\":1000}");
		assertThat(json(GpsFixJson.encode(-0.0000001, 5.0000004, 1000, -0.01, null)))
			.isEqualTo("{\"lat\":0,\"lng\":5,\"ts\":1000,\"speed\":0}");
	}

	@Test
	void speedAndHeadingAreLeftOutWhenUnknown() {
		assertThat(json(GpsFixJson.encode(1.5, 2.5, 1000, null, null)))
			.isEqualTo("{\"lat\":1.5,\"lng\":2.5,\"ts\":1000}");
	}

	@Test
	void aValueTooLargeForFixedDecimalsIsWrittenInFull() {
		GpsFix fix = fix(1.5, 2.5, RECORD_TS, 1.0E300, null);
		assertThat(json(GpsFixJson.encode(fix))).contains("\"speed\":1.0E300");
		assertThat(parse(GpsFixJson.encode(fix))).isEqualTo(Handled.accepted(fix, RECORD_TS));
	}

	@Test
	void numbersJsonCannotHoldAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> GpsFixJson.encode(Double.NaN, 1, 1000, null, null))
			.withMessageContaining("lat");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> GpsFixJson.encode(1, 1, 1000, Double.POSITIVE_INFINITY, null))
			.withMessageContaining("speed");
	}

	private static GpsFix fix(double lat, double lng, long ts, Double speedKmh, Double heading) {
		return new GpsFix("car-1", lat, lng, ts, speedKmh, heading, RECORD_TS);
	}

	private static double rounded(double value, double scale) {
		return Math.round(value * scale) / scale;
	}

	private Handled<GpsFix> parse(byte[] value) {
		return this.parser.parse("car-1", value, RECORD_TS);
	}

	private static String json(byte[] value) {
		return new String(value, StandardCharsets.US_ASCII);
	}

}
