package io.fleetstream.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A JVM the benchmark starts beside itself (the broker, ingest-service), so each has its
 * own heap, GC and JIT and its CPU can be told apart. Its output goes to a log file; a
 * line it prints can be awaited.
 */
final class ChildJvm implements AutoCloseable {

	private final String name;

	private final Process process;

	private final Path log;

	private final CompletableFuture<String> awaitedLine = new CompletableFuture<>();

	private final String awaitedPrefix;

	private ChildJvm(String name, Process process, Path log, String awaitedPrefix) {
		this.name = name;
		this.process = process;
		this.log = log;
		this.awaitedPrefix = awaitedPrefix;
	}

	/**
	 * @param awaitedPrefix the start of the line {@link #awaitLine} waits for, or
	 * {@code null}
	 */
	static ChildJvm start(String name, List<String> jvmArgs, List<String> mainAndArgs, Path logDir,
			String awaitedPrefix) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmArgs);
		command.addAll(mainAndArgs);
		try {
			Files.createDirectories(logDir);
			Path log = logDir.resolve(name + ".log");
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			ChildJvm jvm = new ChildJvm(name, process, log, awaitedPrefix);
			Thread pump = new Thread(jvm::copyOutput, name + "-output");
			pump.setDaemon(true);
			pump.start();
			return jvm;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + name + ": " + command, ex);
		}
	}

	private void copyOutput() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
				PrintWriter out = new PrintWriter(Files.newBufferedWriter(this.log), true)) {
			String line;
			while ((line = reader.readLine()) != null) {
				out.println(line);
				if (this.awaitedPrefix != null && line.startsWith(this.awaitedPrefix)) {
					this.awaitedLine.complete(line);
				}
			}
		}
		catch (IOException ex) {
			this.awaitedLine.completeExceptionally(ex);
		}
		this.awaitedLine.completeExceptionally(new IllegalStateException(this.name + " exited, see " + this.log));
	}

	String awaitLine(Duration timeout) {
		try {
			return this.awaitedLine.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException(this.name + " did not start within " + timeout + ", see " + this.log);
		}
		catch (Exception ex) {
			throw new IllegalStateException(this.name + " failed to start, see " + this.log, ex);
		}
	}

	void ensureAlive() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException(
					this.name + " exited with " + this.process.exitValue() + ", see " + this.log);
		}
	}

	long pid() {
		return this.process.pid();
	}

	Path log() {
		return this.log;
	}

	/** Stops it gracefully (SIGTERM), forcibly after 30 s. */
	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

}
