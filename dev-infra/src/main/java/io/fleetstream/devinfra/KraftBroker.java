package io.fleetstream.devinfra;

import java.net.BindException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker in this JVM: one KRaft node that is broker and controller, run by
 * Kafka's own server classes (those {@code kafka-server-start.sh} runs), without a test
 * kit, so what ships with it carries no JUnit or Kafka test jars. The local stack, the
 * benchmark's broker JVM and the tests' shared broker are all this class.
 * <p>
 * Its storage is formatted in a fresh temporary directory on start. {@link #close()}
 * stops the broker, waits until it has stopped, and only then deletes the directory, so
 * the disk is never pulled from under a broker that clients still commit to.
 * <p>
 * For fault tests, {@link #stop()} shuts the broker down but keeps its data, and
 * {@link #restart()} starts it again on the same ports from the same log directory, as a
 * restarted broker node would come back: topics, records and committed offsets are kept,
 * and clients reconnect to the address they already know.
 */
public final class KraftBroker implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(KraftBroker.class);

	/** Attempts when a port chosen as free was taken before the broker bound it. */
	private static final int START_ATTEMPTS = 3;

	/** Distinct node ids keep the JMX names of two brokers in one JVM apart. */
	private static final AtomicInteger nodeIds = new AtomicInteger();

	private final KafkaConfig config;

	private final int port;

	private final Path directory;

	/** The running server; {@code null} while stopped. */
	private KafkaRaftServer server;

	private boolean closed;

	private KraftBroker(KafkaConfig config, KafkaRaftServer server, int port, Path directory) {
		this.config = config;
		this.server = server;
		this.port = port;
		this.directory = directory;
	}

	/**
	 * Starts a broker and returns once it accepts clients.
	 * @throws IllegalStateException if a fixed port is in use, or the broker did not
	 * start
	 */
	public static KraftBroker start(KraftBrokerSettings settings) {
		if (settings.port() > 0 && !FreePorts.isFree(settings.port())) {
			throw new IllegalStateException("Kafka cannot listen on port " + settings.port() + ": it is in use");
		}
		long started = System.nanoTime();
		for (int attempt = 1;; attempt++) {
			try {
				KraftBroker broker = startOnce(settings);
				logger.info("Kafka broker started on {} in {} ms", broker.bootstrapServers(),
						(System.nanoTime() - started) / 1_000_000);
				return broker;
			}
			catch (RuntimeException ex) {
				if (attempt == START_ATTEMPTS || !isPortConflict(ex)) {
					throw new IllegalStateException("The Kafka broker did not start", ex);
				}
				logger.info("A port chosen for the Kafka broker was taken meanwhile; trying other ports");
			}
		}
	}

	private static KraftBroker startOnce(KraftBrokerSettings settings) {
		int nodeId = nodeIds.incrementAndGet();
		int port = (settings.port() > 0) ? settings.port() : FreePorts.find();
		int controllerPort = FreePorts.find();
		while (controllerPort == port) {
			controllerPort = FreePorts.find();
		}
		Path directory = Directories.createTemporary("fleetstream-kafka-");
		KafkaRaftServer server = null;
		try {
			KafkaConfig config = new KafkaConfig(settings.serverProperties(nodeId, port, controllerPort, directory),
					false);
			KraftStorage.format(nodeId, directory);
			server = new KafkaRaftServer(config, Time.SYSTEM);
			server.startup();
			return new KraftBroker(config, server, port, directory);
		}
		catch (RuntimeException ex) {
			stopQuietly(server);
			Directories.delete(directory);
			throw ex;
		}
	}

	/** The {@code bootstrap.servers} value. */
	public String bootstrapServers() {
		return "localhost:" + this.port;
	}

	public int port() {
		return this.port;
	}

	/** Where the broker keeps its data and metadata while it runs. */
	public Path directory() {
		return this.directory;
	}

	/**
	 * Shuts the broker down (a controlled shutdown, as {@code kafka-server-stop.sh} does)
	 * and returns once it has stopped; its data stays for {@link #restart()}. Clients see
	 * the broker unreachable until then. Nothing happens if it is stopped already.
	 * @throws IllegalStateException if the broker is closed
	 */
	public synchronized void stop() {
		requireOpen();
		if (this.server != null) {
			this.server.shutdown();
			this.server.awaitShutdown();
			this.server = null;
		}
	}

	/**
	 * Starts a {@link #stop() stopped} broker again with the same configuration: the same
	 * node id, client and controller ports, and log directory, so everything it held
	 * before the stop is there again. Returns once it accepts clients.
	 * @throws IllegalStateException if the broker is running or closed, or did not start
	 * (e.g. another process took its port meanwhile)
	 */
	public synchronized void restart() {
		requireOpen();
		if (this.server != null) {
			throw new IllegalStateException("The Kafka broker on " + bootstrapServers() + " is running");
		}
		long started = System.nanoTime();
		KafkaRaftServer restarted = new KafkaRaftServer(this.config, Time.SYSTEM);
		try {
			restarted.startup();
		}
		catch (RuntimeException ex) {
			stopQuietly(restarted);
			throw new IllegalStateException("The Kafka broker did not restart on " + bootstrapServers(), ex);
		}
		this.server = restarted;
		logger.info("Kafka broker restarted on {} in {} ms", bootstrapServers(),
				(System.nanoTime() - started) / 1_000_000);
	}

	public synchronized boolean isRunning() {
		return this.server != null;
	}

	/**
	 * Stops the broker and, once it has stopped, deletes its data; a broker that failed
	 * to stop keeps its data. Safe to call twice, and on a stopped broker.
	 */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		if (this.server != null) {
			this.server.shutdown();
			this.server.awaitShutdown();
			this.server = null;
		}
		Directories.delete(this.directory);
	}

	private void requireOpen() {
		if (this.closed) {
			throw new IllegalStateException("The Kafka broker on " + bootstrapServers() + " is closed");
		}
	}

	private static void stopQuietly(KafkaRaftServer server) {
		if (server == null) {
			return;
		}
		try {
			server.shutdown();
			server.awaitShutdown();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not stop a broker that failed to start", ex);
		}
	}

	private static boolean isPortConflict(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof BindException) {
				return true;
			}
		}
		return false;
	}

}
