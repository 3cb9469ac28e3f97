package io.fleetstream.enrichment.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.fleetstream.common.redis.AsyncRedis;
import io.fleetstream.common.redis.LuaScript;
import io.fleetstream.enrichment.redis.RedisReplies.RedisUnavailableException;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.protocol.RedisCommand;

/**
 * The commands of one batch, written to the shared connection in one go and awaited under
 * one deadline: script calls (by digest, integer replies) whose arguments are encoded
 * here as they are added ({@link RespArguments}), and plain commands encoded by Lettuce.
 * <p>
 * Lettuce writes and flushes each command it is given separately (a task on its event
 * loop, a flush, often a system call per command); handed over together, the batch is
 * encoded into one buffer and flushed once. The commands reach Redis in the order they
 * were added, as when issued one by one. A script call that a node does not know
 * ({@code NOSCRIPT}: new, restarted, failed over) is sent once more with the script's
 * source, after the rest of the batch has answered; a car has one call per batch, so no
 * write overtakes another of the same keys.
 */
public final class RedisBatch {

	private static final ByteArrayCodec CODEC = ByteArrayCodec.INSTANCE;

	private final RespArguments arguments;

	private final List<AsyncCommand<byte[], byte[], ?>> commands = new ArrayList<>();

	/**
	 * Beside each command, its script call (for a resend with the source), or null for a
	 * plain command.
	 */
	private final List<ScriptCall> scriptCalls = new ArrayList<>();

	private ScriptCall open;

	/**
	 * @param capacity the expected size of the script calls' encoded arguments in bytes
	 */
	public RedisBatch(int capacity) {
		this.arguments = new RespArguments(capacity);
	}

	/** Adds a command encoded by Lettuce. */
	public void add(ProtocolKeyword type, CommandOutput<byte[], byte[], ?> output, CommandArgs<byte[], byte[]> args) {
		close();
		this.commands.add(new AsyncCommand<>(new Command<>(type, output, args)));
		this.scriptCalls.add(null);
	}

	/** A new {@link CommandArgs} of this batch's codec. */
	public static CommandArgs<byte[], byte[]> args() {
		return new CommandArgs<>(CODEC);
	}

	/** A new integer reply of this batch's codec. */
	public static IntegerOutput<byte[], byte[]> integer() {
		return new IntegerOutput<>(CODEC);
	}

	/**
	 * Starts a call of the script, its reply an integer: the caller writes the call's
	 * keys (that many) and then its arguments, as {@code EVALSHA} takes them, into the
	 * arguments returned. The call ends where the next command starts.
	 */
	public RespArguments call(EncodedScript script, int keys) {
		close();
		int start = this.arguments.position();
		int startCount = this.arguments.count();
		this.arguments.bulk(keys);
		this.open = new ScriptCall(script, start, startCount, (keys > 0) ? this.arguments.position() : -1);
		return this.arguments;
	}

	/**
	 * Writes the batch and waits for every reply (once per batch).
	 * @throws RedisUnavailableException when a command fails or the deadline passes
	 * (transient: the pipeline retries the batch)
	 */
	public void execute(AsyncRedis redis, Duration timeout, String what) {
		close();
		if (this.commands.isEmpty()) {
			return;
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		StatefulConnection<byte[], byte[]> connection = connectionOf(redis.commands());
		connection.dispatch(List.<RedisCommand<byte[], byte[], ?>>copyOf(this.commands));
		List<AsyncCommand<byte[], byte[], ?>> resent = new ArrayList<>();
		for (int i = 0; i < this.commands.size(); i++) {
			ScriptCall call = this.scriptCalls.get(i);
			try {
				RedisReplies.await(this.commands.get(i), deadline, what);
			}
			catch (RedisUnavailableException ex) {
				if (call == null || !LuaScript.isNoScript(ex.getCause())) {
					throw ex;
				}
				resent.add(new AsyncCommand<>(new Command<>(CommandType.EVAL, integer(),
						this.arguments.slice(call.script.source(), call.start, call.end, call.count, call.firstKey))));
			}
		}
		if (!resent.isEmpty()) {
			connection.dispatch(List.<RedisCommand<byte[], byte[], ?>>copyOf(resent));
			for (AsyncCommand<byte[], byte[], ?> command : resent) {
				RedisReplies.await(command, deadline, what);
			}
		}
	}

	private void close() {
		ScriptCall call = this.open;
		if (call == null) {
			return;
		}
		this.open = null;
		call.end = this.arguments.position();
		call.count = this.arguments.count() - call.startCount;
		CommandArgs<byte[], byte[]> args = this.arguments.slice(call.script.sha1(), call.start, call.end, call.count,
				call.firstKey);
		this.commands.add(new AsyncCommand<>(new Command<>(CommandType.EVALSHA, integer(), args)));
		this.scriptCalls.add(call);
	}

	/**
	 * The connection the commands belong to: Spring's Lettuce connection factory hands
	 * out the commands of a standalone (or sentinel) or a cluster connection.
	 */
	static StatefulConnection<byte[], byte[]> connectionOf(RedisClusterAsyncCommands<byte[], byte[]> commands) {
		if (commands instanceof RedisAsyncCommands<byte[], byte[]> standalone) {
			return standalone.getStatefulConnection();
		}
		if (commands instanceof RedisAdvancedClusterAsyncCommands<byte[], byte[]> cluster) {
			return cluster.getStatefulConnection();
		}
		throw new IllegalStateException("Unsupported Lettuce commands " + commands.getClass().getName());
	}

	/** A script call's place in the arguments. */
	private static final class ScriptCall {

		final EncodedScript script;

		final int start;

		final int startCount;

		final int firstKey;

		int end;

		int count;

		ScriptCall(EncodedScript script, int start, int startCount, int firstKey) {
			this.script = script;
			this.start = start;
			this.startCount = startCount;
			this.firstKey = firstKey;
		}

	}

}
