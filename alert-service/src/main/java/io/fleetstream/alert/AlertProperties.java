package io.fleetstream.alert;

import jakarta.validation.Valid;

import io.fleetstream.alert.delivery.SnsSettings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * alert-service settings ({@code fleet.alert.*}).
 *
 * @param sns where and how alerts are e-mailed through SNS
 */
@Validated
@ConfigurationProperties("fleet.alert")
public record AlertProperties(@DefaultValue @Valid SnsSettings sns) {

}
