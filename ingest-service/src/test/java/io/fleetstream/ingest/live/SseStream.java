package io.fleetstream.ingest.live;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP client of the live stream over a plain socket (HTTP/1.0, so the body is the
 * raw event stream), parsing the server-sent events as they arrive on a thread of its
 * own. Closing it closes the connection, as a browser tab going away does.
 */
final class SseStream implements AutoCloseable {

	private final List<Event> events = new CopyOnWriteArrayList<>();

	private final Socket socket;

	private final BufferedReader in;

	private final int status;

	private final Map<String, String> headers = new LinkedHashMap<>();

	private final StringBuilder body = new StringBuilder();

	private final Thread reader;

	private SseStream(int port) throws IOException {
		this.socket = new Socket();
		this.socket.connect(new InetSocketAddress("localhost", port), 5000);
		OutputStream out = this.socket.getOutputStream();
		out.write("GET /api/v1/live/positions HTTP/1.0\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"
			.getBytes(StandardCharsets.US_ASCII));
		out.flush();
		this.in = new BufferedReader(new InputStreamReader(this.socket.getInputStream(), StandardCharsets.UTF_8));
		String statusLine = this.in.readLine();
		this.status = Integer.parseInt(statusLine.split(" ")[1]);
		for (String line = this.in.readLine(); line != null && !line.isEmpty(); line = this.in.readLine()) {
			int colon = line.indexOf(':');
			this.headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
					line.substring(colon + 1).trim());
		}
		this.reader = new Thread(this::read, "sse-test-client");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	static SseStream open(int port) throws IOException {
		return new SseStream(port);
	}

	int status() {
		return this.status;
	}

	String header(String name) {
		return this.headers.get(name.toLowerCase(Locale.ROOT));
	}

	/** The body read so far, for an answer that is not a stream (a problem). */
	String body() {
		synchronized (this.body) {
			return this.body.toString();
		}
	}

	List<Event> events(String name) {
		return this.events.stream().filter((event) -> event.name().equals(name)).toList();
	}

	/** The comment lines ({@code :...}) seen so far, e.g. heartbeats. */
	long comments() {
		return this.events.stream().filter((event) -> event.name().equals(":")).count();
	}

	private void read() {
		try {
			String name = "message";
			List<String> data = new ArrayList<>();
			for (String line = this.in.readLine(); line != null; line = this.in.readLine()) {
				synchronized (this.body) {
					this.body.append(line).append('\n');
				}
				if (line.isEmpty()) {
					if (!data.isEmpty()) {
						this.events.add(new Event(name, String.join("\n", data)));
					}
					name = "message";
					data.clear();
				}
				else if (line.startsWith(":")) {
					this.events.add(new Event(":", line.substring(1)));
				}
				else if (line.startsWith("event:")) {
					name = line.substring(6).trim();
				}
				else if (line.startsWith("data:")) {
					data.add(line.substring(5));
				}
			}
		}
		catch (IOException ex) {
			// closed by the test, or by the server
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	record Event(String name, String data) {
	}

}
