package io.fleetstream.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * A redis-server frozen with {@code SIGSTOP}: its socket stays open and the kernel keeps
 * accepting bytes, but nothing answers, as with a hung or overloaded server (a stopped
 * one would refuse connections instead). {@link #close()} thaws it with {@code SIGCONT}.
 */
public final class FrozenRedis implements AutoCloseable {

	private final long pid;

	private FrozenRedis(long pid) {
		this.pid = pid;
	}

	/**
	 * Freezes the redis-server listening on the address and returns once it is stopped.
	 */
	public static FrozenRedis freeze(String host, int port) {
		FrozenRedis frozen = new FrozenRedis(processId(host, port));
		frozen.signal("-STOP");
		await().atMost(Duration.ofSeconds(5)).until(frozen::isStopped);
		return frozen;
	}

	/** The frozen server's process id. */
	public long pid() {
		return this.pid;
	}

	@Override
	public void close() {
		signal("-CONT");
		await().atMost(Duration.ofSeconds(5)).until(() -> !isStopped());
	}

	/**
	 * The process state in {@code /proc/<pid>/stat}, the field after the command name.
	 */
	private boolean isStopped() {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(this.pid), "stat"));
			return stat.substring(stat.lastIndexOf(')') + 2).startsWith("T");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void signal(String signal) {
		try {
			Process kill = new ProcessBuilder("kill", signal, Long.toString(this.pid)).inheritIO().start();
			if (kill.waitFor() != 0) {
				throw new IllegalStateException("kill " + signal + " " + this.pid + " failed");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** {@code INFO server}'s {@code process_id}, asked over a plain socket. */
	private static long processId(String host, int port) {
		try (Socket socket = new Socket(host, port)) {
			socket.setSoTimeout(5000);
			socket.getOutputStream().write("INFO server\r\n".getBytes(StandardCharsets.US_ASCII));
			BufferedReader reader = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.startsWith("process_id:")) {
					return Long.parseLong(line.substring("process_id:".length()).trim());
				}
			}
			throw new IllegalStateException("No process_id in INFO server of " + host + ":" + port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
