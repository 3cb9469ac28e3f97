package io.fleetstream.enrichment.redis;

import java.nio.ByteBuffer;
import java.util.Arrays;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.netty.buffer.ByteBuf;

/**
 * Command arguments encoded as the Redis protocol's bulk strings ({@code $<length>\r\n
 * <bytes>\r\n}) into one buffer, for a batch of commands. Lettuce encodes each argument
 * of each command on its event loop (a length formatted to text and a few small writes
 * per argument), which was most of that thread's CPU in the join benchmark's profile; a
 * batch's arguments written here are copied to the socket's buffer in one piece per
 * command.
 * <p>
 * The buffer belongs to one batch and is never reused: Lettuce may still encode a command
 * after its caller gave up waiting (a reconnect replays queued commands), so its bytes
 * must not change once written. Confined to the thread that builds the batch until it is
 * dispatched.
 */
public final class RespArguments {

	private static final byte[] CRLF = { '\r', '\n' };

	private byte[] bytes;

	private int size;

	private int count;

	public RespArguments(int capacity) {
		this.bytes = new byte[Math.max(capacity, 64)];
	}

	/** One argument: the bytes as they are. */
	public RespArguments bulk(byte[] value) {
		header(value.length);
		put(value);
		return crlf();
	}

	/** One argument made of the pieces' bytes one after the other. */
	public RespArguments bulk(byte[] first, byte[] second, byte[] third) {
		header(first.length + second.length + third.length);
		put(first);
		put(second);
		put(third);
		return crlf();
	}

	/** One argument: the number's decimal digits. */
	public RespArguments bulk(long number) {
		if (number == Long.MIN_VALUE) {
			return bulk(Long.toString(number).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
		}
		int digits = digits(number);
		header(digits);
		ensure(digits);
		writeDigits(number, digits);
		return crlf();
	}

	/** Where the next argument starts. */
	public int position() {
		return this.size;
	}

	/** Arguments written so far. */
	public int count() {
		return this.count;
	}

	/**
	 * The arguments written from start to end, as Lettuce command arguments, preceded by
	 * one more (e.g. a script's digest or source), itself pre-encoded. Read when the
	 * command is encoded, so nothing may be written over that range.
	 * @param first the leading argument, pre-encoded ({@link #encode(byte[])})
	 * @param start the position of the range's first argument
	 * @param end the position after its last
	 * @param count the arguments in the range
	 * @param firstKey the position of the argument cluster routing hashes (a key's bulk
	 * string), or -1 for none
	 */
	public CommandArgs<byte[], byte[]> slice(byte[] first, int start, int end, int count, int firstKey) {
		return new Slice(this, first, start, end, count, firstKey);
	}

	/** One argument encoded on its own (e.g. a script's digest, encoded once). */
	public static byte[] encode(byte[] value) {
		RespArguments one = new RespArguments(value.length + 16);
		one.bulk(value);
		return Arrays.copyOf(one.bytes, one.size);
	}

	private void header(int length) {
		ensure(24);
		this.bytes[this.size++] = '$';
		writeDigits(length, digits(length));
		this.bytes[this.size++] = '\r';
		this.bytes[this.size++] = '\n';
		this.count++;
	}

	private RespArguments crlf() {
		put(CRLF);
		return this;
	}

	private void put(byte[] piece) {
		ensure(piece.length);
		System.arraycopy(piece, 0, this.bytes, this.size, piece.length);
		this.size += piece.length;
	}

	private static int digits(long number) {
		int digits = (number < 0) ? 2 : 1;
		for (long rest = Math.abs(number) / 10; rest > 0; rest /= 10) {
			digits++;
		}
		return digits;
	}

	/** Writes the number's digits (digits of them, a sign included), room ensured. */
	private void writeDigits(long number, int digits) {
		int end = this.size + digits;
		long rest = Math.abs(number);
		for (int i = end - 1; i >= this.size; i--) {
			this.bytes[i] = (byte) ('0' + (rest % 10));
			rest /= 10;
		}
		if (number < 0) {
			this.bytes[this.size] = '-';
		}
		this.size = end;
	}

	private void ensure(int more) {
		if (this.size + more > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.size + more));
		}
	}

	/**
	 * A command's arguments: its leading argument, then a range of the batch's buffer
	 * (read when the command is encoded, after the batch is complete).
	 */
	private static final class Slice extends CommandArgs<byte[], byte[]> {

		private final RespArguments arguments;

		private final byte[] first;

		private final int start;

		private final int end;

		private final int count;

		private final int firstKey;

		Slice(RespArguments arguments, byte[] first, int start, int end, int count, int firstKey) {
			super(ByteArrayCodec.INSTANCE);
			this.arguments = arguments;
			this.first = first;
			this.start = start;
			this.end = end;
			this.count = count;
			this.firstKey = firstKey;
		}

		@Override
		public int count() {
			return 1 + this.count;
		}

		@Override
		public void encode(ByteBuf buf) {
			buf.writeBytes(this.first);
			buf.writeBytes(this.arguments.bytes, this.start, this.end - this.start);
		}

		/** The first key's bytes: cluster mode routes the command by them. */
		@Override
		public ByteBuffer getFirstEncodedKey() {
			if (this.firstKey < 0) {
				return null;
			}
			byte[] bytes = this.arguments.bytes;
			int i = this.firstKey + 1;
			int length = 0;
			while (bytes[i] != '\r') {
				length = length * 10 + (bytes[i++] - '0');
			}
			return ByteBuffer.wrap(Arrays.copyOfRange(bytes, i + 2, i + 2 + length));
		}

		@Override
		public String toCommandString() {
			return "<" + count() + " pre-encoded arguments>";
		}

		@Override
		public String toString() {
			return getClass().getSimpleName() + " [" + toCommandString() + "]";
		}

	}

}
