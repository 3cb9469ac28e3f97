package io.fleetstream.alert.episodes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fleetstream.alert.delivery.AlertDelivery;
import io.fleetstream.alert.delivery.AlertNotification;
import org.apache.kafka.common.TopicPartition;

/**
 * Finishes a partition's recorded transitions, oldest first: stores the episodes and
 * publishes them to the outlier topic (then marks them published, so an SNS outage does
 * not publish them again on every retry), hands the unsilenced ones to the delivery, then
 * removes them from the outbox. A crash anywhere leaves the rest for the next attempt or
 * the partition's next owner; the delivery itself publishes at most once per notification
 * id.
 */
class TransitionFlusher {

	private final PartitionStore partitions;

	private final EpisodeStore episodes;

	private final OutlierPublisher outlier;

	private final AlertDelivery delivery;

	TransitionFlusher(PartitionStore partitions, EpisodeStore episodes, OutlierPublisher outlier,
			AlertDelivery delivery) {
		this.partitions = partitions;
		this.episodes = episodes;
		this.outlier = outlier;
		this.delivery = delivery;
	}

	/**
	 * @return the notifications SNS refused as invalid (they leave the outbox: retrying
	 * cannot fix them)
	 * @throws RuntimeException on a transient failure (Redis, Kafka, SNS): what was done
	 * stays done, the rest stays in the outbox
	 */
	List<Refused> flush(TopicPartition partition, PartitionState state) {
		List<OutboxEntry> pending = state.pending();
		if (pending.isEmpty()) {
			return List.of();
		}
		List<OutboxEntry> unpublished = pending.stream().filter((entry) -> !entry.published()).toList();
		if (!unpublished.isEmpty()) {
			List<AlertEvent> events = unpublished.stream().map(OutboxEntry::event).toList();
			this.episodes.record(events);
			this.outlier.publish(withAcknowledgements(events));
			List<OutboxEntry> published = unpublished.stream().map(OutboxEntry::asPublished).toList();
			this.partitions.markPublished(partition, published);
			published.forEach((entry) -> state.outbox.put(entry.event().notificationId(), entry));
		}
		List<AlertNotification> notifications = pending.stream()
			.map(OutboxEntry::notification)
			.filter((notification) -> notification != null)
			.toList();
		AlertDelivery.DeliveryResult result = notifications.isEmpty() ? AlertDelivery.DeliveryResult.allSent()
				: this.delivery.deliver(notifications);
		this.partitions.remove(partition, pending);
		pending.forEach((entry) -> state.outbox.remove(entry.event().notificationId()));
		Map<String, AlertEvent> events = new HashMap<>();
		pending.forEach((entry) -> events.put(entry.event().notificationId(), entry.event()));
		return result.rejected()
			.stream()
			.map((rejected) -> new Refused(events.get(rejected.notification().notificationId()), rejected.reason(),
					rejected.detail()))
			.toList();
	}

	/**
	 * A resolution of an episode an operator acknowledged carries who and when, so the
	 * outlier topic's consumers see it on the closing record too.
	 */
	private List<AlertEvent> withAcknowledgements(List<AlertEvent> events) {
		List<String> resolved = events.stream()
			.filter((event) -> event.state().equals("RESOLVED"))
			.map(AlertEvent::episodeId)
			.toList();
		if (resolved.isEmpty()) {
			return events;
		}
		Map<String, Episode.Acknowledgement> acknowledgements = this.episodes.acknowledgements(resolved);
		return events.stream().map((event) -> {
			Episode.Acknowledgement acknowledgement = event.state().equals("RESOLVED")
					? acknowledgements.get(event.episodeId()) : null;
			return (acknowledgement == null) ? event : event.withAcknowledgement(acknowledgement);
		}).toList();
	}

	/**
	 * A transition whose notification SNS refused as invalid.
	 *
	 * @param event the transition ({@code null} if the delivery named a notification it
	 * was not given)
	 * @param reason kebab-case reason
	 * @param detail why
	 */
	record Refused(AlertEvent event, String reason, String detail) {
	}

}
