package io.fleetstream.alert.delivery;

/**
 * Settings of the SNS delivery ({@code fleet.alert.sns.*}).
 */
public record SnsSettings() {

}
