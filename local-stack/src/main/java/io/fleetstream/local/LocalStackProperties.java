package io.fleetstream.local;

import io.fleetstream.common.Topics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Local stack settings ({@code fleet.local.*}), from command-line options, system
 * properties or environment variables (see {@code docs/local-run.md}).
 *
 * @param ports where the broker, Redis and ingest-service listen
 * @param gps the GPS fleet simulator
 */
@ConfigurationProperties("fleet.local")
public record LocalStackProperties(@DefaultValue Ports ports, @DefaultValue Gps gps) {

	/**
	 * Ports: unset means the usual port, or any free port (with a note in the banner) if
	 * the usual one is taken; a port that is set must be free; 0 means any free port.
	 *
	 * @param kafka Kafka broker, usually 9092
	 * @param redis redis-server, usually 6379
	 * @param http ingest-service's API, usually 8080
	 * @param management ingest-service's actuator endpoints, usually 8081
	 */
	public record Ports(Integer kafka, Integer redis, Integer http, Integer management) {

		public static final int KAFKA_DEFAULT = 9092;

		public static final int REDIS_DEFAULT = 6379;

		public static final int HTTP_DEFAULT = 8080;

		public static final int MANAGEMENT_DEFAULT = 8081;

	}

	/**
	 * @param enabled whether to run the GPS simulator
	 * @param cars how many cars, named {@code car-00001} onwards
	 * @param rateHz fixes per car per second
	 * @param parkedShare the share of cars that stay parked
	 * @param badRecordRate the share of fixes replaced by a broken one (to see the
	 * dead-letter topic at work)
	 * @param seed seed of the random source, for a repeatable fleet; unset for a new
	 * fleet every run
	 * @param topic the topic fixes are sent to
	 */
	public record Gps(@DefaultValue("true") boolean enabled, @DefaultValue("2000") int cars,
			@DefaultValue("1") double rateHz, @DefaultValue("0.05") double parkedShare,
			@DefaultValue("0") double badRecordRate, Long seed, @DefaultValue(Topics.GPS) String topic) {

		public Gps {
			require(cars >= 1 && cars <= 1_000_000, "fleet.local.gps.cars must be in [1, 1000000], was " + cars);
			require(rateHz > 0 && rateHz <= 10, "fleet.local.gps.rate-hz must be in (0, 10], was " + rateHz);
			require(parkedShare >= 0 && parkedShare <= 1,
					"fleet.local.gps.parked-share must be in [0, 1], was " + parkedShare);
			require(badRecordRate >= 0 && badRecordRate <= 1,
					"fleet.local.gps.bad-record-rate must be in [0, 1], was " + badRecordRate);
		}

		/** Time between two fixes of one car. */
		public long intervalMs() {
			return Math.round(1000 / this.rateHz);
		}

	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

}
