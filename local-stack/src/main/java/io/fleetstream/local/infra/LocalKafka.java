package io.fleetstream.local.infra;

import java.time.Duration;

import io.fleetstream.devinfra.KraftBroker;
import io.fleetstream.devinfra.KraftBrokerSettings;
import io.fleetstream.local.LocalComponent;

/**
 * A real Kafka broker (KRaft, in this JVM: dev-infra's {@link KraftBroker}) on a fixed
 * port. Unlike the test suite's shared broker it keeps only the last half hour of data,
 * because a local stack may run all day.
 */
public final class LocalKafka implements LocalComponent {

	/** Partitions of auto-created topics: room for a few consumers per group. */
	static final int PARTITIONS = 4;

	private final int port;

	private KraftBroker broker;

	public LocalKafka(int port) {
		this.port = port;
	}

	@Override
	public String name() {
		return "Kafka broker";
	}

	public String bootstrapServers() {
		return "localhost:" + this.port;
	}

	@Override
	public String address() {
		return bootstrapServers() + "  (KRaft, in-process, " + PARTITIONS + " partitions per new topic)";
	}

	/**
	 * Starts the broker. Retention deletes only closed segments, so segments are kept
	 * small (16 MiB, not 1 GiB) and checked every minute: otherwise half an hour of a
	 * local fleet's fixes would sit in one open segment for hours.
	 */
	@Override
	public void start() {
		this.broker = KraftBroker.start(KraftBrokerSettings.defaults()
			.withPort(this.port)
			.withPartitions(PARTITIONS)
			.withRetention(Duration.ofMinutes(30))
			.with("log.segment.bytes", String.valueOf(16 * 1024 * 1024))
			.with("log.retention.check.interval.ms", String.valueOf(Duration.ofMinutes(1).toMillis())));
	}

	/** Stops the broker; its data is deleted once it has stopped. */
	@Override
	public void stop() {
		if (this.broker != null) {
			this.broker.close();
			this.broker = null;
		}
	}

}
