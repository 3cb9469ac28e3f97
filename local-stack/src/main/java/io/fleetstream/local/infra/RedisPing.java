package io.fleetstream.local.infra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Waits until a freshly started redis-server answers PING, or fails with its log when it
 * exits or does not answer in time.
 */
final class RedisPing {

	private RedisPing() {
	}

	static void awaitPong(String host, int port, Duration timeout, Process process, Path log)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("redis-server exited on start-up (exit code " + process.exitValue()
						+ "):\n" + LocalRedis.readLog(log));
			}
			if (pong(host, port)) {
				return;
			}
			Thread.sleep(50);
		}
		process.destroyForcibly();
		throw new IllegalStateException("redis-server did not answer PING on " + host + ":" + port + " within "
				+ timeout.toSeconds() + " s:\n" + LocalRedis.readLog(log));
	}

	private static boolean pong(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 200);
			socket.setSoTimeout(500);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
			return "+PONG".equals(in.readLine());
		}
		catch (IOException ex) {
			return false;
		}
	}

}
