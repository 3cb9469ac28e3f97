package io.fleetstream.enrichment.state;

import java.nio.charset.StandardCharsets;

import io.fleetstream.enrichment.redis.RespArguments;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StateKeysTests {

	/**
	 * The keys the state write encodes itself are the documented names, in UTF-8, framed
	 * as Lettuce frames keys.
	 */
	@Test
	void carKeysAreTheDocumentedNamesInUtf8() {
		String car = "car-7 차";
		RespArguments encoded = new RespArguments(16);
		StateKeys.carKeys(car, encoded);
		byte[] digest = "sha".getBytes(StandardCharsets.US_ASCII);
		CommandArgs<byte[], byte[]> expected = new CommandArgs<>(ByteArrayCodec.INSTANCE).add(digest)
			.addKeys(utf8("fleet:state:{car-7 차}"), utf8("fleet:state:{car-7 차}:t"), utf8("fleet:state:{car-7 차}:a"));
		CommandArgs<byte[], byte[]> actual = encoded.slice(RespArguments.encode(digest), 0, encoded.position(),
				encoded.count(), 0);
		assertThat(bytes(actual)).isEqualTo(bytes(expected));
		assertThat(actual.count()).isEqualTo(4);
		assertThat(StateKeys.values(car)).isEqualTo("fleet:state:{car-7 차}");
		assertThat(StateKeys.times(car)).isEqualTo("fleet:state:{car-7 차}:t");
		assertThat(StateKeys.arrays(car)).isEqualTo("fleet:state:{car-7 차}:a");
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String bytes(CommandArgs<byte[], byte[]> args) {
		ByteBuf buf = Unpooled.buffer();
		args.encode(buf);
		return buf.toString(StandardCharsets.UTF_8);
	}

}
