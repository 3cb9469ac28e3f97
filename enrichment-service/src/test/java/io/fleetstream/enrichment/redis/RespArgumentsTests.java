package io.fleetstream.enrichment.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Arguments encoded ahead are byte for byte what Lettuce's own encoding sends for the
 * same command, so a script receives exactly the arguments it received before.
 */
class RespArgumentsTests {

	private static final byte[] DIGEST = ascii("0123456789abcdef0123456789abcdef01234567");

	@Test
	void aCommandEncodesAsLettuceEncodesTheSameArguments() {
		RespArguments encoded = new RespArguments(8);
		// something before the command's range, which the command must not include
		encoded.bulk(ascii("ignored"));
		int start = encoded.position();
		int startCount = encoded.count();
		encoded.bulk(3);
		int firstKey = encoded.position();
		encoded.bulk(ascii("fleet:state:{"), utf8("car-é"), ascii("}"));
		encoded.bulk(utf8("gps.lat"));
		encoded.bulk(utf8("\"Zürich – 東京\""));
		encoded.bulk(new byte[0]);
		encoded.bulk(1764633600123L);
		encoded.bulk(-42);
		encoded.bulk(0);
		encoded.bulk(Long.MIN_VALUE);
		encoded.bulk(new byte[5000]);
		CommandArgs<byte[], byte[]> actual = encoded.slice(RespArguments.encode(DIGEST), start, encoded.position(),
				encoded.count() - startCount, firstKey);
		CommandArgs<byte[], byte[]> expected = new CommandArgs<>(ByteArrayCodec.INSTANCE).add(DIGEST)
			.add(3)
			.addKey(utf8("fleet:state:{car-é}"))
			.addValue(utf8("gps.lat"))
			.addValue(utf8("\"Zürich – 東京\""))
			.addValue(new byte[0])
			.add(1764633600123L)
			.add(-42)
			.add(0)
			.add(Long.MIN_VALUE)
			.addValue(new byte[5000]);
		assertThat(actual.count()).isEqualTo(expected.count()).isEqualTo(11);
		assertThat(encoded(actual)).isEqualTo(encoded(expected));
		assertThat(actual.getFirstEncodedKey()).isEqualTo(expected.getFirstEncodedKey())
			.isEqualTo(ByteBuffer.wrap(utf8("fleet:state:{car-é}")));
	}

	@Test
	void aCommandWithoutKeysRoutesByNone() {
		RespArguments encoded = new RespArguments(8);
		encoded.bulk(0);
		assertThat(encoded.slice(RespArguments.encode(DIGEST), 0, encoded.position(), 1, -1).getFirstEncodedKey())
			.isNull();
	}

	@Test
	void theBufferGrowsWithoutChangingWhatWasWritten() {
		RespArguments encoded = new RespArguments(1);
		CommandArgs<byte[], byte[]> expected = new CommandArgs<>(ByteArrayCodec.INSTANCE).add(DIGEST);
		for (int i = 0; i < 1000; i++) {
			encoded.bulk(utf8("path-" + i));
			expected.addValue(utf8("path-" + i));
		}
		assertThat(encoded(encoded.slice(RespArguments.encode(DIGEST), 0, encoded.position(), 1000, -1)))
			.isEqualTo(encoded(expected));
	}

	/** The whole command as Lettuce writes it to the socket. */
	private static String encoded(CommandArgs<byte[], byte[]> args) {
		ByteBuf buf = Unpooled.buffer();
		new Command<>(CommandType.EVALSHA, null, args).encode(buf);
		return buf.toString(StandardCharsets.ISO_8859_1);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
