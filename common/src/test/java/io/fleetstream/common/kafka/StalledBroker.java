package io.fleetstream.common.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fault injection: a "broker" that accepts TCP connections and never answers a byte, as a
 * hung broker or a black-holing network path does. Kafka clients connect, send their
 * first request and wait.
 */
final class StalledBroker implements AutoCloseable {

	private final ServerSocket server;

	private final List<Socket> accepted = new CopyOnWriteArrayList<>();

	StalledBroker() {
		try {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Thread acceptor = new Thread(this::accept, "stalled-broker");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	String bootstrapServers() {
		return "127.0.0.1:" + this.server.getLocalPort();
	}

	int connections() {
		return this.accepted.size();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				this.accepted.add(this.server.accept());
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		for (Socket socket : this.accepted) {
			socket.close();
		}
	}

}
