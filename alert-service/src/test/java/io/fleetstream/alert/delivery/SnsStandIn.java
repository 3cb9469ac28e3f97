package io.fleetstream.alert.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server standing in for Amazon SNS at its wire protocol, for tests: the AWS
 * query protocol (form-encoded POST), answered as SNS does ({@code PublishResponse} XML
 * with a MessageId; errors in the AWS XML error format with SNS's status codes). It
 * checks what SNS checks of a Publish (subject length and characters, message size,
 * non-empty String attributes) and records every request, so tests assert the exact
 * request the AWS SDK sent. Point Spring Cloud AWS at it with
 * {@code spring.cloud.aws.sns.endpoint=}{@link #endpoint()}.
 *
 * <pre>
 * SnsStandIn sns = SnsStandIn.start();
 * sns.respondWith500For(Duration.ofSeconds(10));            // an outage
 * sns.respondInvalidFor((request) -> "car-bad".equals(request.attribute("carId")));
 * assertThat(sns.published()).hasSize(1);
 * sns.stop();
 * </pre>
 */
public final class SnsStandIn implements AutoCloseable {

	private static final String NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";

	private static final int MAX_MESSAGE_BYTES = 262_144;

	private final HttpServer server;

	/**
	 * Not a CopyOnWriteArrayList: the latency benchmark records tens of thousands, and
	 * copying them all on every request would be the stand-in's, not SNS's, cost.
	 */
	private final List<SnsRequest> requests = Collections.synchronizedList(new ArrayList<>());

	private volatile long failingUntilNanos;

	private volatile int failingStatus;

	private volatile Predicate<SnsRequest> invalid = (request) -> false;

	private volatile long latencyNanos;

	private SnsStandIn(HttpServer server) {
		this.server = server;
	}

	/**
	 * Starts a stand-in on a free local port. Its connections set TCP_NODELAY: without it
	 * the JDK's HTTP server sends the response body in a second small segment that
	 * Nagle's algorithm holds until the client's delayed ACK, about 40 ms later, a delay
	 * per request that is the stand-in's, not SNS's (the JDK reads the setting once, when
	 * its first HTTP server starts).
	 */
	public static SnsStandIn start() {
		if (System.getProperty("sun.net.httpserver.nodelay") == null) {
			System.setProperty("sun.net.httpserver.nodelay", "true");
		}
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			SnsStandIn standIn = new SnsStandIn(server);
			server.createContext("/", standIn::handle);
			// as many requests at once as the delivery's largest publish-concurrency
			server.setExecutor(Executors.newFixedThreadPool(64, (task) -> {
				Thread thread = new Thread(task, "sns-stand-in");
				thread.setDaemon(true);
				return thread;
			}));
			server.start();
			return standIn;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the SNS stand-in", ex);
		}
	}

	/** The endpoint to give {@code spring.cloud.aws.sns.endpoint}. */
	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/** Every request received, in order, whatever it was answered. */
	public List<SnsRequest> requests() {
		synchronized (this.requests) {
			return List.copyOf(this.requests);
		}
	}

	/** The Publish requests answered with a MessageId: what SNS would have sent on. */
	public List<SnsRequest> published() {
		return requests().stream().filter((request) -> request.messageId() != null).toList();
	}

	/**
	 * Answers every request with HTTP 500 {@code InternalError} for this long from now.
	 */
	public void respondWith500For(Duration duration) {
		failFor(duration, 500);
	}

	/** Answers every request with HTTP 429 {@code Throttled} for this long from now. */
	public void respondThrottledFor(Duration duration) {
		failFor(duration, 429);
	}

	/**
	 * Answers the requests that match with HTTP 400 {@code InvalidParameter}, as SNS
	 * answers a Publish it refuses.
	 */
	public void respondInvalidFor(Predicate<SnsRequest> predicate) {
		this.invalid = predicate;
	}

	/**
	 * Answers each request this long after it arrived (its {@code receivedNanos} stays
	 * the arrival), as a real SNS endpoint takes some milliseconds per Publish.
	 */
	public void respondAfter(Duration latency) {
		this.latencyNanos = latency.toNanos();
	}

	/** Forgets the recorded requests and every injected fault. */
	public void reset() {
		this.requests.clear();
		this.failingUntilNanos = 0;
		this.latencyNanos = 0;
		this.invalid = (request) -> false;
	}

	public void stop() {
		this.server.stop(0);
	}

	@Override
	public void close() {
		stop();
	}

	private void failFor(Duration duration, int status) {
		this.failingStatus = status;
		this.failingUntilNanos = System.nanoTime() + duration.toNanos();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			long receivedNanos = System.nanoTime();
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			Map<String, String> form = parseForm(body);
			Map<String, String> headers = new LinkedHashMap<>();
			exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
			SnsRequest request = new SnsRequest(exchange.getRequestMethod(), form, headers, null, receivedNanos);
			long latency = this.latencyNanos;
			if (latency > 0) {
				LockSupport.parkNanos(latency - (System.nanoTime() - receivedNanos));
			}
			if (System.nanoTime() < this.failingUntilNanos) {
				this.requests.add(request);
				if (this.failingStatus == 500) {
					error(exchange, 500, "Receiver", "InternalError", "The stand-in is failing on purpose");
				}
				else {
					error(exchange, 429, "Sender", "Throttled", "Rate exceeded");
				}
				return;
			}
			if (!"POST".equals(request.method()) || !"Publish".equals(form.get("Action"))) {
				this.requests.add(request);
				error(exchange, 400, "Sender", "InvalidAction", "The stand-in answers Publish only");
				return;
			}
			String problem = validate(request);
			if (problem == null && this.invalid.test(request)) {
				problem = "Invalid parameter: refused by the stand-in";
			}
			if (problem != null) {
				this.requests.add(request);
				error(exchange, 400, "Sender", "InvalidParameter", problem);
				return;
			}
			String messageId = UUID.randomUUID().toString();
			this.requests.add(request.withMessageId(messageId));
			respond(exchange, 200,
					"<PublishResponse xmlns=\"" + NAMESPACE + "\"><PublishResult><MessageId>" + messageId
							+ "</MessageId></PublishResult><ResponseMetadata><RequestId>" + UUID.randomUUID()
							+ "</RequestId></ResponseMetadata></PublishResponse>");
		}
	}

	/** What SNS checks of a Publish (its API reference, "Constraints"). */
	private static String validate(SnsRequest request) {
		if (request.topicArn() == null || !request.topicArn().startsWith("arn:aws:sns:")) {
			return "Invalid parameter: TopicArn";
		}
		String subject = request.subject();
		if (subject != null && (subject.isEmpty() || subject.length() >= 100
				|| subject.chars().anyMatch((c) -> Character.isISOControl(c)))) {
			return "Invalid parameter: Subject";
		}
		String message = request.message();
		if (message == null || message.isEmpty()) {
			return "Invalid parameter: Empty message";
		}
		int size = message.getBytes(StandardCharsets.UTF_8).length;
		for (Map.Entry<String, MessageAttribute> attribute : request.messageAttributes().entrySet()) {
			if (attribute.getValue().stringValue() == null || attribute.getValue().stringValue().isEmpty()) {
				return "Invalid parameter: Message attribute '" + attribute.getKey() + "' must have a value";
			}
			size += attribute.getKey().length()
					+ attribute.getValue().stringValue().getBytes(StandardCharsets.UTF_8).length;
		}
		if (size > MAX_MESSAGE_BYTES) {
			return "Invalid parameter: Message too long";
		}
		return null;
	}

	private static void error(HttpExchange exchange, int status, String type, String code, String message)
			throws IOException {
		respond(exchange, status,
				"<ErrorResponse xmlns=\"" + NAMESPACE + "\"><Error><Type>" + type + "</Type><Code>" + code
						+ "</Code><Message>" + message + "</Message></Error><RequestId>" + UUID.randomUUID()
						+ "</RequestId></ErrorResponse>");
	}

	private static void respond(HttpExchange exchange, int status, String xml) throws IOException {
		byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/xml");
		exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static Map<String, String> parseForm(String body) {
		Map<String, String> form = new LinkedHashMap<>();
		if (body.isEmpty()) {
			return form;
		}
		for (String pair : body.split("&")) {
			int equals = pair.indexOf('=');
			String name = (equals < 0) ? pair : pair.substring(0, equals);
			String value = (equals < 0) ? "" : pair.substring(equals + 1);
			form.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
		}
		return Collections.unmodifiableMap(form);
	}

	/**
	 * One request as received.
	 *
	 * @param method the HTTP method
	 * @param form the decoded form parameters, in the order sent
	 * @param headers the HTTP headers (names in lower case)
	 * @param messageId the MessageId answered, null if the request was answered with an
	 * error
	 * @param receivedNanos {@link System#nanoTime()} when the request arrived (for
	 * latency measurements in the same JVM)
	 */
	public record SnsRequest(String method, Map<String, String> form, Map<String, String> headers, String messageId,
			long receivedNanos) {

		public String action() {
			return this.form.get("Action");
		}

		public String topicArn() {
			return this.form.get("TopicArn");
		}

		public String subject() {
			return this.form.get("Subject");
		}

		public String message() {
			return this.form.get("Message");
		}

		/** A String attribute's value, null if the request has no such attribute. */
		public String attribute(String name) {
			MessageAttribute attribute = messageAttributes().get(name);
			return (attribute != null) ? attribute.stringValue() : null;
		}

		/**
		 * The message attributes, from the query protocol's
		 * {@code MessageAttributes.entry.N.Name/Value.DataType/Value.StringValue}.
		 */
		public Map<String, MessageAttribute> messageAttributes() {
			Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
			for (int n = 1; this.form.containsKey("MessageAttributes.entry." + n + ".Name"); n++) {
				String prefix = "MessageAttributes.entry." + n + ".";
				attributes.put(this.form.get(prefix + "Name"), new MessageAttribute(
						this.form.get(prefix + "Value.DataType"), this.form.get(prefix + "Value.StringValue")));
			}
			return attributes;
		}

		/** The form parameters that are not message attributes. */
		public Map<String, String> parametersWithoutAttributes() {
			Map<String, String> parameters = new LinkedHashMap<>(this.form);
			parameters.keySet().removeIf((name) -> name.startsWith("MessageAttributes."));
			return parameters;
		}

		SnsRequest withMessageId(String id) {
			return new SnsRequest(this.method, this.form, this.headers, id, this.receivedNanos);
		}

	}

	/**
	 * One message attribute as sent.
	 */
	public record MessageAttribute(String dataType, String stringValue) {
	}

}
