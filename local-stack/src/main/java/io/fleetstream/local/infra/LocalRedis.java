package io.fleetstream.local.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.fleetstream.devinfra.RedisServerBinary;
import io.fleetstream.local.LocalComponent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A real, non-persistent redis-server process: the binary {@link RedisServerBinary}
 * finds, the same as the tests run.
 * <p>
 * It runs in a session of its own ({@code setsid}, where available), so Ctrl-C in the
 * terminal reaches only the JVM and the stack can stop the services before Redis. Its pid
 * is kept in a file, so a redis-server left behind by a killed run is stopped the next
 * time ({@link #stopOrphans()}).
 */
public final class LocalRedis implements LocalComponent {

	private static final Log logger = LogFactory.getLog(LocalRedis.class);

	private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

	private final int port;

	private Path pidFile;

	private Path workDir;

	private Process process;

	public LocalRedis(int port) {
		this.port = port;
	}

	@Override
	public String name() {
		return "Redis";
	}

	public String host() {
		return "127.0.0.1";
	}

	public int port() {
		return this.port;
	}

	@Override
	public String address() {
		return host() + ":" + this.port + "  (redis-server, not persistent)";
	}

	@Override
	public void start() throws IOException, InterruptedException {
		this.workDir = Files.createTempDirectory("fleetstream-redis-");
		this.process = new ProcessBuilder(command()).directory(this.workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.workDir.resolve("redis.log").toFile())
			.start();
		this.pidFile = LeftoverProcess.record("redis-" + this.port, this.process);
		RedisPing.awaitPong(this.host(), this.port, START_TIMEOUT, this.process, this.workDir.resolve("redis.log"));
	}

	/**
	 * Stops redis-servers that earlier local stacks left running when their JVM was
	 * killed; call before choosing ports, so the usual port is free again.
	 */
	public static void stopOrphans() {
		LeftoverProcess.stopOrphans("redis-server");
	}

	public boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	@Override
	public void stop() {
		if (this.process != null) {
			this.process.destroy();
			try {
				if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
					this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				this.process.destroyForcibly();
				Thread.currentThread().interrupt();
			}
			this.process = null;
		}
		if (this.pidFile != null) {
			deleteQuietly(this.pidFile);
			this.pidFile = null;
		}
		if (this.workDir != null) {
			deleteQuietly(this.workDir.resolve("redis.log"));
			deleteQuietly(this.workDir);
			this.workDir = null;
		}
	}

	private List<String> command() {
		List<String> command = new ArrayList<>();
		if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
			command.add("/usr/bin/setsid");
		}
		command.add(RedisServerBinary.find().getAbsolutePath());
		command.addAll(List.of("--port", String.valueOf(this.port), "--bind", host(), "--save", "", "--appendonly",
				"no", "--daemonize", "no"));
		return command;
	}

	private static void deleteQuietly(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			logger.debug("Could not delete " + path, ex);
		}
	}

	static String readLog(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

}
