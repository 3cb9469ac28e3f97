package io.fleetstream.devinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
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

	/** The durable server's data, deleted on {@link #close()}; {@code null} if none. */
	private final Path directory;

	private RedisServer server;

	private RedisProcess(int port, List<String> settings, Path directory) {
		this.port = port;
		this.settings = settings;
		this.directory = directory;
	}

	/** A non-persistent server, as used by most tests. */
	public static RedisProcess startEphemeral() {
		return start(FreePorts.find(), List.of("save \"\"", "appendonly no"));
	}

	/**
	 * A server that keeps its data across a stop and start: an append-only file synced on
	 * every write, in a fresh temporary directory that {@link #close()} deletes.
	 */
	public static RedisProcess startDurable() {
		Path directory = Directories.createTemporary("fleet-redis-");
		RedisProcess process = new RedisProcess(FreePorts.find(),
				List.of("save \"\"", "appendonly yes", "appendfsync always", "dir " + directory.toAbsolutePath()),
				directory);
		process.start();
		return process;
	}

	public static RedisProcess start(int port, List<String> settings) {
		RedisProcess process = new RedisProcess(port, List.copyOf(settings), null);
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

	/** Stops the server for good; a durable server's data is deleted. */
	@Override
	public void close() {
		stop();
		if (this.directory != null) {
			Directories.delete(this.directory);
		}
	}

	/** The durable server's data directory, {@code null} for an ephemeral server. */
	Path directory() {
		return this.directory;
	}

}
