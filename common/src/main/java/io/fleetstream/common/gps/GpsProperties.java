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
 */
@Validated
@ConfigurationProperties("fleet.gps")
public record GpsProperties(@DefaultValue("5m") @NotNull Duration maxFutureSkew) {
}
