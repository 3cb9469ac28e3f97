package io.fleetstream.common.pipeline;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;

/**
 * The service's one Kafka listener: receives a batch of every routed topic and hands it
 * to the processor. The topics come from {@code fleet.routes}, the consumer group from
 * {@code spring.kafka.consumer.group-id}, the concurrency from
 * {@code spring.kafka.listener.concurrency}.
 */
public class RoutedRecordsListener {

	/**
	 * The listener container's id, e.g. for the {@code KafkaListenerEndpointRegistry}.
	 */
	public static final String ID = "fleet-routes";

	private final RoutedBatchProcessor processor;

	private final RouteTable routes;

	public RoutedRecordsListener(RoutedBatchProcessor processor, RouteTable routes) {
		this.processor = processor;
		this.routes = routes;
	}

	public String[] topics() {
		return this.routes.topics().toArray(String[]::new);
	}

	@KafkaListener(id = ID, idIsGroup = false, topics = "#{__listener.topics()}", batch = "true",
			containerFactory = "fleetBatchListenerContainerFactory")
	void onBatch(List<ConsumerRecord<String, byte[]>> records) {
		this.processor.process(records);
	}

}
