package io.fleetstream.common.gps;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the {@value GpsFixHandler#NAME} handler ({@code fleet.gps.*}), bound only
 * in a service that routes a topic to that handler.
 *
 * @param maxFutureSkew how far past the consumer's clock a fix's event time may be before
 * the fix is rejected (device clocks drift; a fix from the future would block every
 * genuine later fix)
 * @param maxPastSkew how far behind its Kafka record's own timestamp a fix's event time
 * may be before the fix is rejected as {@code past-timestamp}: a device that buffered
 * fixes while offline sends them late, but a 1990 {@code ts} is a broken clock. The
 * record timestamp, not the consumer's clock, is the reference, so a topic re-consumed
 * from the beginning (or mirrored with its timestamps) is judged as when first produced
 */
@Validated
@ConfigurationProperties("fleet.gps")
public record GpsProperties(@DefaultValue("5m") @NotNull Duration maxFutureSkew,
		@DefaultValue("7d") @NotNull Duration maxPastSkew) {
}
