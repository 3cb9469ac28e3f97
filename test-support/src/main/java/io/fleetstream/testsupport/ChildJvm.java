package io.fleetstream.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A service run as its own JVM beside the test, so that it can be killed the way a node
 * or a pod dies: {@link #kill()} sends SIGKILL, and the process gets no chance to finish
 * a batch, commit an offset or close a connection. Whatever it had not committed is then
 * someone else's to replay, which is what crash tests are about; an in-process
 * application context cannot be killed like that.
 * <p>
 * The child runs {@code java <jvmArgs> -cp <this JVM's class path> <mainClass> <args>}:
 * the test's class path, so test resources (e.g. a test {@code application.yaml}) apply
 * to it as to an in-process context. Its output (stdout and stderr) goes to
 * {@code <logDirectory>/<name>.log}, and {@link #ensureAlive()} and the messages of
 * failures quote the log's last lines, so a child that died on its own says why.
 * <p>
 * Typical use, a service instance killed and started again under the same name:
 *
 * <pre>{@code
 * ChildJvm ingest = ChildJvm.start("ingest-b-1", IngestApplication.class, ChildJvm.FAST_START, args, logs);
 * // ... wait until it serves, e.g. its readiness probe answers 200
 * ingest.kill(); // SIGKILL, returns once the process is gone
 * ingest = ChildJvm.start("ingest-b-2", IngestApplication.class, ChildJvm.FAST_START, args, logs);
 * }</pre>
 *
 * Close every child in the test's clean-up ({@link #close()} kills one that still runs).
 */
public final class ChildJvm implements AutoCloseable {

	/**
	 * JVM options for short-lived test children on a small machine: a capped heap, the
	 * serial collector and the C1 compiler only, which roughly halve the CPU a Spring
	 * Boot service takes to start (at some cost in peak throughput, which tests do not
	 * need).
	 */
	public static final List<String> FAST_START = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

	private static final int LOG_TAIL_LINES = 40;

	private final String name;

	private final Process process;

	private final Path log;

	private ChildJvm(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	/**
	 * Starts the child and returns at once (it is starting, not necessarily serving).
	 * @param name names the log file and the child in messages; unique per start
	 * @param mainClass the class whose {@code main} the child runs
	 * @param jvmArgs options before the class name, e.g. {@link #FAST_START}
	 * @param args the program's arguments
	 * @param logDirectory where {@code <name>.log} is written (created if missing; an
	 * earlier log of the same name is replaced)
	 */
	public static ChildJvm start(String name, Class<?> mainClass, List<String> jvmArgs, List<String> args,
			Path logDirectory) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmArgs);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(mainClass.getName());
		command.addAll(args);
		try {
			Files.createDirectories(logDirectory);
			Path log = logDirectory.resolve(name + ".log");
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			return new ChildJvm(name, process, log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + name + ": " + command, ex);
		}
	}

	/**
	 * Kills the child with SIGKILL and returns once the operating system has reaped it.
	 * Nothing happens if it has exited already.
	 * @throws AssertionError if it is still alive 30 s after the signal
	 */
	public void kill() {
		this.process.destroyForcibly();
		awaitExit(30, "SIGKILL");
	}

	/**
	 * Stops the child gracefully (SIGTERM: a Spring Boot service shuts down in order),
	 * and kills it if it has not exited within the timeout.
	 */
	public void stop(long timeoutSeconds) {
		this.process.destroy();
		try {
			if (!this.process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				kill();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			kill();
		}
	}

	/**
	 * @throws AssertionError naming the exit code and quoting the log's last lines if the
	 * child has exited
	 */
	public void ensureAlive() {
		if (!this.process.isAlive()) {
			throw new AssertionError(this.name + " exited with " + this.process.exitValue() + "; last lines of "
					+ this.log + ":\n" + logTail(LOG_TAIL_LINES));
		}
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	public long pid() {
		return this.process.pid();
	}

	public String name() {
		return this.name;
	}

	public Path log() {
		return this.log;
	}

	/** The last lines of the child's output so far, for failure messages. */
	public String logTail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.log, StandardCharsets.UTF_8);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException | UncheckedIOException ex) {
			return "(log unreadable: " + ex + ")";
		}
	}

	/** Kills the child if it still runs. */
	@Override
	public void close() {
		if (this.process.isAlive()) {
			kill();
		}
	}

	@Override
	public String toString() {
		return this.name + " (pid " + this.process.pid() + ")";
	}

	private void awaitExit(long seconds, String signal) {
		try {
			if (!this.process.waitFor(seconds, TimeUnit.SECONDS)) {
				throw new AssertionError(this + " still runs " + seconds + " s after " + signal);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while waiting for " + this + " to exit", ex);
		}
	}

}
