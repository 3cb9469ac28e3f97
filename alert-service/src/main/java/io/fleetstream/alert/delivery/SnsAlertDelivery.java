package io.fleetstream.alert.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.fleetstream.alert.delivery.AlertDelivery.DeliveryResult.Rejected;
import io.fleetstream.alert.delivery.DeliveryLedger.Target;
import io.fleetstream.alert.delivery.DeliveryMetrics.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

import org.springframework.beans.factory.DisposableBean;

/**
 * Publishes notifications to SNS at most once per notification and topic: intents are
 * recorded in Redis first ({@link DeliveryLedger}), only targets not marked sent are
 * published, each is marked sent as soon as SNS answered. A retry, a replay or a restart
 * therefore publishes only what was never accepted by SNS; what can still duplicate one
 * is documented in docs/alert-delivery.md. One car's notifications are published in
 * order, different cars' in parallel ({@code fleet.alert.sns.publish-concurrency}).
 */
public class SnsAlertDelivery implements AlertDelivery, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(SnsAlertDelivery.class);

	private static final int MAX_UNMARKED = 10_000;

	private final SnsClient sns;

	private final DeliveryLedger ledger;

	private final SnsSettings settings;

	private final DeliveryMetrics metrics;

	private final ExecutorService publishers;

	/**
	 * Targets SNS accepted whose sent mark Redis did not take: a retry in this process
	 * marks them instead of publishing them again.
	 */
	private final Map<Target, String> unmarked = Collections.synchronizedMap(new LinkedHashMap<>() {
		@Override
		protected boolean removeEldestEntry(Map.Entry<Target, String> eldest) {
			return size() > MAX_UNMARKED;
		}
	});

	SnsAlertDelivery(SnsClient sns, DeliveryLedger ledger, SnsSettings settings, DeliveryMetrics metrics) {
		this.sns = sns;
		this.ledger = ledger;
		this.settings = settings;
		this.metrics = metrics;
		AtomicInteger threads = new AtomicInteger();
		this.publishers = Executors.newFixedThreadPool(settings.publishConcurrency(), (task) -> {
			Thread thread = new Thread(task, "sns-publish-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	@Override
	public DeliveryResult deliver(List<AlertNotification> notifications) {
		Map<String, Rejected> rejected = new LinkedHashMap<>();
		Map<Target, Publish> publishes = new LinkedHashMap<>();
		for (AlertNotification notification : notifications) {
			SnsMessage message;
			try {
				message = SnsMessage.render(notification, this.settings);
			}
			catch (IllegalArgumentException ex) {
				this.metrics.published(notification, Outcome.REJECTED);
				rejected.putIfAbsent(notification.notificationId(),
						new Rejected(notification, "invalid-template", ex.getMessage()));
				continue;
			}
			for (String topicArn : targets(notification)) {
				Target target = new Target(notification.notificationId(), topicArn);
				publishes.putIfAbsent(target, new Publish(target, notification, message));
			}
		}
		if (publishes.isEmpty()) {
			return new DeliveryResult(List.copyOf(rejected.values()));
		}
		Map<Target, Boolean> alreadySent = this.ledger.recordIntents(List.copyOf(publishes.keySet()));
		Round round = new Round();
		Map<String, List<Publish>> byCar = new LinkedHashMap<>();
		for (Publish publish : publishes.values()) {
			String messageId = this.unmarked.get(publish.target());
			if (alreadySent.get(publish.target())) {
				this.unmarked.remove(publish.target());
				this.metrics.published(publish.notification(), Outcome.DUPLICATE_SKIPPED);
			}
			else if (messageId != null) {
				round.marked(publish.target(), messageId, this.ledger.markSent(publish.target(), messageId));
				this.metrics.published(publish.notification(), Outcome.DUPLICATE_SKIPPED);
			}
			else {
				byCar.computeIfAbsent(String.valueOf(publish.notification().carId()), (car) -> new ArrayList<>())
					.add(publish);
			}
		}
		List<CompletableFuture<Void>> cars = new ArrayList<>();
		for (List<Publish> carPublishes : byCar.values()) {
			cars.add(CompletableFuture.runAsync(() -> carPublishes.forEach((p) -> publish(p, round, rejected)),
					this.publishers));
		}
		CompletableFuture.allOf(cars.toArray(CompletableFuture[]::new)).join();
		awaitMarks(round);
		PublishFailure failure = round.failure.get();
		if (failure != null) {
			throw new DeliveryUnavailableException("SNS publish failed, the batch is retried: " + failure.detail()
					+ " (" + round.sent.get() + " sent in this attempt are not sent again)", null);
		}
		return new DeliveryResult(List.copyOf(rejected.values()));
	}

	private void publish(Publish publish, Round round, Map<String, Rejected> rejected) {
		if (round.failure.get() != null) {
			return;
		}
		long start = System.nanoTime();
		try {
			String messageId = this.sns.publish(request(publish)).messageId();
			this.metrics.publishLatency(Outcome.SENT, Duration.ofNanos(System.nanoTime() - start));
			this.metrics.published(publish.notification(), Outcome.SENT);
			round.sent.incrementAndGet();
			round.marked(publish.target(), messageId, this.ledger.markSent(publish.target(), messageId));
			logger.debug("Published {} to {} as {}", publish.target().notificationId(), publish.target().topicArn(),
					messageId);
		}
		catch (RuntimeException ex) {
			PublishFailure failure = PublishFailure.of(ex);
			Outcome outcome = failure.permanent() ? Outcome.REJECTED : Outcome.FAILED;
			this.metrics.publishLatency(outcome, Duration.ofNanos(System.nanoTime() - start));
			this.metrics.published(publish.notification(), outcome);
			if (failure.permanent()) {
				logger.warn("SNS refused notification {} for topic {} ({}): {}",
						UntrustedText.value(publish.target().notificationId(), 200), publish.target().topicArn(),
						failure.reason(), failure.detail());
				synchronized (rejected) {
					rejected.putIfAbsent(publish.target().notificationId(), new Rejected(publish.notification(),
							failure.reason(), "topic " + publish.target().topicArn() + ": " + failure.detail()));
				}
			}
			else {
				round.failure.compareAndSet(null, failure);
			}
		}
	}

	private void awaitMarks(Round round) {
		DeliveryUnavailableException firstFailure = null;
		for (Map.Entry<Target, CompletableFuture<?>> mark : round.marks.entrySet()) {
			try {
				this.ledger.await(List.of(mark.getValue()));
				this.unmarked.remove(mark.getKey());
			}
			catch (DeliveryUnavailableException ex) {
				this.unmarked.put(mark.getKey(), round.messageIds.get(mark.getKey()));
				firstFailure = (firstFailure != null) ? firstFailure : ex;
			}
		}
		if (firstFailure != null) {
			throw firstFailure;
		}
	}

	private List<String> targets(AlertNotification notification) {
		if (notification.topicArns() == null || notification.topicArns().isEmpty()) {
			return List.of(this.settings.topicArn());
		}
		return List.copyOf(new LinkedHashSet<>(notification.topicArns()));
	}

	private static PublishRequest request(Publish publish) {
		Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
		publish.message()
			.attributes()
			.forEach((name, value) -> attributes.put(name,
					MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
		return PublishRequest.builder()
			.topicArn(publish.target().topicArn())
			.subject(publish.message().subject())
			.message(publish.message().body())
			.messageAttributes(attributes)
			.build();
	}

	@Override
	public void destroy() {
		this.publishers.shutdownNow();
	}

	private record Publish(Target target, AlertNotification notification, SnsMessage message) {
	}

	/** One attempt's shared state across the publishing threads. */
	private static final class Round {

		final AtomicReference<PublishFailure> failure = new AtomicReference<>();

		final AtomicInteger sent = new AtomicInteger();

		final Map<Target, CompletableFuture<?>> marks = Collections.synchronizedMap(new LinkedHashMap<>());

		final Map<Target, String> messageIds = Collections.synchronizedMap(new LinkedHashMap<>());

		void marked(Target target, String messageId, CompletableFuture<?> mark) {
			this.messageIds.put(target, messageId);
			this.marks.put(target, mark);
		}

	}

}
