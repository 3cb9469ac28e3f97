/**
 * alert-service's Redis key names and the waiting on pipelined commands, shared by the
 * episodes and the silences.
 */
package io.fleetstream.alert.store;
