package io.fleetstream.local;

import java.time.Duration;

import io.fleetstream.common.Topics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Local stack settings ({@code fleet.local.*}), from command-line options, system
 * properties or environment variables (see {@code docs/local-run.md}).
 *
 * @param ports where the broker, Redis and ingest-service listen
 * @param simulator the fleet simulator
 */
@ConfigurationProperties("fleet.local")
public record LocalStackProperties(@DefaultValue Ports ports, @DefaultValue Simulator simulator) {

	/**
	 * Ports: unset means the usual port, or any free port (with a note in the banner) if
	 * the usual one is taken; a port that is set must be free; 0 means any free port.
	 *
	 * @param kafka Kafka broker, usually 9092
	 * @param redis redis-server, usually 6379
	 * @param http ingest-service's API (and the live map), usually 8080
	 * @param management ingest-service's actuator endpoints, usually 8081
	 * @param enrichment enrichment-service's API, usually 8082 (its actuator one above)
	 * @param alert alert-service's API, usually 8084 (its actuator one above)
	 */
	public record Ports(Integer kafka, Integer redis, Integer http, Integer management, Integer enrichment,
			Integer alert) {

		public static final int KAFKA_DEFAULT = 9092;

		public static final int REDIS_DEFAULT = 6379;

		public static final int HTTP_DEFAULT = 8080;

		public static final int MANAGEMENT_DEFAULT = 8081;

		public static final int ENRICHMENT_DEFAULT = 8082;

		public static final int ALERT_DEFAULT = 8084;

	}

	/**
	 * @param enabled whether to run the fleet simulator
	 * @param cars how many cars, named {@code car-00001} onwards
	 * @param rateHz GPS fixes per driving car per second (the simulation's step rate)
	 * @param parkedShare the share of cars parked at the start (the others set off at
	 * once)
	 * @param parkedGpsInterval how often a parked car reports its position
	 * @param incidentsPerMinute scripted incidents started per minute, cycling through
	 * every kind (0: none)
	 * @param cdcChangesPerMinute changes to the reference tables per minute after the
	 * initial load (0: none)
	 * @param schemaChange whether the firmware roll-out brings a new status attribute (a
	 * schema change)
	 * @param badRecordRate the share of records replaced by a broken one (to see the
	 * dead-letter topics at work)
	 * @param duplicateRate the share of GPS fixes sent twice
	 * @param outOfOrderRate the share of GPS fixes held back and sent after the car's
	 * next one
	 * @param seed seed of the random source, for a repeatable fleet; unset for a new
	 * fleet every run
	 * @param topics where the records go
	 */
	public record Simulator(@DefaultValue("true") boolean enabled, @DefaultValue("2000") int cars,
			@DefaultValue("1") double rateHz, @DefaultValue("0.4") double parkedShare,
			@DefaultValue("60s") Duration parkedGpsInterval, @DefaultValue("2") double incidentsPerMinute,
			@DefaultValue("4") double cdcChangesPerMinute, @DefaultValue("true") boolean schemaChange,
			@DefaultValue("0") double badRecordRate, @DefaultValue("0") double duplicateRate,
			@DefaultValue("0") double outOfOrderRate, Long seed, @DefaultValue SimulatorTopics topics) {

		public Simulator {
			require(cars >= 1 && cars <= 1_000_000, "fleet.local.simulator.cars must be in [1, 1000000], was " + cars);
			require(rateHz > 0 && rateHz <= 10, "fleet.local.simulator.rate-hz must be in (0, 10], was " + rateHz);
			require(parkedShare >= 0 && parkedShare <= 1,
					"fleet.local.simulator.parked-share must be in [0, 1], was " + parkedShare);
			require(!parkedGpsInterval.isNegative() && !parkedGpsInterval.isZero(),
					"fleet.local.simulator.parked-gps-interval must be positive, was " + parkedGpsInterval);
			require(incidentsPerMinute >= 0 && incidentsPerMinute <= 6000,
					"fleet.local.simulator.incidents-per-minute must be in [0, 6000], was " + incidentsPerMinute);
			require(cdcChangesPerMinute >= 0 && cdcChangesPerMinute <= 60000,
					"fleet.local.simulator.cdc-changes-per-minute must be in [0, 60000], was " + cdcChangesPerMinute);
			requireShare(badRecordRate, "bad-record-rate");
			requireShare(duplicateRate, "duplicate-rate");
			requireShare(outOfOrderRate, "out-of-order-rate");
		}

		/** Time between two steps (two fixes of a driving car). */
		public long intervalMs() {
			return Math.round(1000 / this.rateHz);
		}

	}

	/**
	 * @param gps GPS fixes
	 * @param status status messages
	 * @param carinfo CDC of the carinfo table
	 * @param deviceinfo CDC of the deviceinfo table
	 */
	public record SimulatorTopics(@DefaultValue(Topics.GPS) String gps, @DefaultValue(Topics.STATUS) String status,
			@DefaultValue(Topics.CDC_CARINFO) String carinfo, @DefaultValue(Topics.CDC_DEVICEINFO) String deviceinfo) {

	}

	private static void requireShare(double share, String name) {
		require(share >= 0 && share <= 1, "fleet.local.simulator." + name + " must be in [0, 1], was " + share);
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

}
