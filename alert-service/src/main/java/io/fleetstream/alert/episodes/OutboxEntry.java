package io.fleetstream.alert.episodes;

import io.fleetstream.alert.delivery.AlertNotification;
import org.jspecify.annotations.Nullable;

/**
 * A transition recorded in Redis together with the state change that produced it (one
 * atomic write), and kept until it is published to the outlier topic and handed to the
 * delivery: a crash at any point leaves it there, and the next owner of the partition
 * finishes it.
 *
 * @param event what is published and stored
 * @param notification what is e-mailed, or {@code null} when the event is silenced
 * @param published whether the outlier topic and the episode store have it
 */
record OutboxEntry(AlertEvent event, @Nullable AlertNotification notification, boolean published) {

	OutboxEntry asPublished() {
		return new OutboxEntry(this.event, this.notification, true);
	}

}
