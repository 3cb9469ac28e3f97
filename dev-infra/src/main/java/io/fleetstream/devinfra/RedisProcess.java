package io.fleetstream.devinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import redis.embedded.RedisServer;
import redis.embedded.core.RedisServerBuilder;

/**
 * A real redis-server process on a loopback port that can be stopped and started again on
 * the same port (for fault tests). The binary is {@link RedisServerBinary}'s.
 */
public final class RedisProcess implements AutoCloseable {

	private final int port;

	private final List<String> settings;

	private RedisServer server;

	private RedisProcess(int port, List<String> settings) {
		this.port = port;
		this.settings = settings;
	}

	/** A non-persistent server, as used by most tests. */
	public static RedisProcess startEphemeral() {
		return start(FreePorts.find(), List.of("save \"\"", "appendonly no"));
	}

	/**
	 * A server that keeps its data across a stop and start: an append-only file synced on
	 * every write, in a fresh temporary directory.
	 */
	public static RedisProcess startDurable() {
		try {
			Path dir = Files.createTempDirectory("fleet-redis-");
			dir.toFile().deleteOnExit();
			return start(FreePorts.find(),
					List.of("save \"\"", "appendonly yes", "appendfsync always", "dir " + dir.toAbsolutePath()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static RedisProcess start(int port, List<String> settings) {
		RedisProcess process = new RedisProcess(port, List.copyOf(settings));
		process.start();
		return process;
	}

	public synchronized void start() {
		try {
			RedisServerBuilder builder = RedisServer.newRedisServer()
				.executableProvider(RedisServerBinary.provider())
				.bind("127.0.0.1")
				.port(this.port);
			for (String setting : this.settings) {
				builder.setting(setting);
			}
			this.server = builder.build();
			this.server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("redis-server did not start on port " + this.port, ex);
		}
	}

	public synchronized void stop() {
		if (this.server != null) {
			try {
				this.server.stop();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.server = null;
		}
	}

	public synchronized boolean isRunning() {
		return this.server != null && this.server.isActive();
	}

	public int port() {
		return this.port;
	}

	public String host() {
		return "127.0.0.1";
	}

	@Override
	public void close() {
		stop();
	}

}
