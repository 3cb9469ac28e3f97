package io.fleetstream.common.redis;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.fleetstream.devinfra.RedisProcess;
import io.fleetstream.testsupport.RedisCommandStats;
import io.fleetstream.testsupport.SharedRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link LuaScript} on a real redis-server: called by SHA-1, sent in full to a server
 * that does not have it cached, and a script's own error reaching the caller untouched.
 */
class LuaScriptTests {

	private static final byte[] KEY = "it:lua-script:counter".getBytes(StandardCharsets.UTF_8);

	private static RedisClient client;

	private static StatefulRedisConnection<byte[], byte[]> connection;

	private final LuaScript script = LuaScript.load("/scripts/lua-script-test.lua");

	@BeforeAll
	static void connect() {
		RedisProcess redis = SharedRedis.standalone();
		client = RedisClient.create("redis://" + redis.host() + ":" + redis.port());
		connection = client.connect(ByteArrayCodec.INSTANCE);
	}

	@AfterAll
	static void close() {
		connection.close();
		client.shutdown();
	}

	@BeforeEach
	void reset() {
		connection.sync().del(KEY);
		connection.sync().scriptFlush();
	}

	@Test
	void aServerWithoutTheScriptCachedGetsItOnceAndThenRunsItBySha1() throws Exception {
		assertThat(add(2)).isEqualTo(2L);
		assertThat(connection.sync().scriptExists(this.script.sha1())).containsExactly(true);
		long evalsBefore = calls("eval");
		long evalshasBefore = calls("evalsha");
		assertThat(add(3)).isEqualTo(5L);
		assertThat(calls("eval")).as("EVAL calls once the script is cached").isEqualTo(evalsBefore);
		assertThat(calls("evalsha")).as("EVALSHA calls once the script is cached").isEqualTo(evalshasBefore + 1);
	}

	@Test
	void callsPipelinedBeforeTheFirstNoScriptReplyAreEachAppliedOnce() throws Exception {
		// all sent before any reply: each gets NOSCRIPT and is sent again in full
		CompletableFuture<?>[] replies = new CompletableFuture<?>[20];
		for (int i = 0; i < replies.length; i++) {
			replies[i] = this.script.call(connection.async(), ScriptOutputType.INTEGER, new byte[][] { KEY },
					bytes("1"));
		}
		CompletableFuture.allOf(replies).get(10, TimeUnit.SECONDS);
		assertThat(connection.sync().get(KEY)).asString(StandardCharsets.UTF_8).isEqualTo("20");
	}

	@Test
	void theScriptsOwnErrorIsTheReplyAndIsNotSentAgain() throws Exception {
		assertThat(add(1)).isEqualTo(1L);
		long evalsBefore = calls("eval");
		CompletableFuture<Long> reply = this.script.call(connection.async(), ScriptOutputType.INTEGER,
				new byte[][] { KEY }, bytes("-4"));
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> reply.get(10, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOf(RedisCommandExecutionException.class)
			.withMessageContaining("negative amount -4");
		assertThat(calls("eval")).as("EVAL calls after a script error").isEqualTo(evalsBefore);
	}

	@Test
	void aMissingResourceIsRefusedWithItsName() {
		assertThatIllegalStateException().isThrownBy(() -> LuaScript.load("/scripts/no-such-script.lua"))
			.withMessageContaining("/scripts/no-such-script.lua");
	}

	private Long add(int amount) throws Exception {
		CompletableFuture<Long> reply = this.script.call(connection.async(), ScriptOutputType.INTEGER,
				new byte[][] { KEY }, bytes(Integer.toString(amount)));
		return reply.get(10, TimeUnit.SECONDS);
	}

	/** Calls of a command so far, from {@code INFO commandstats}. */
	private static long calls(String command) {
		return RedisCommandStats.calls(connection.sync().info("commandstats")).getOrDefault(command, 0L);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
