package io.fleetstream.common.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import org.springframework.kafka.listener.BatchInterceptor;

/**
 * Makes the consumer of the listener container's current poll available on the consumer
 * thread, for code that runs inside a listener that is not handed the consumer (the
 * dead-letter publisher needs it for the consumer group and the partition check). The
 * container calls {@link #setupThreadState} before each poll and
 * {@link #clearThreadState} once the polled records are handled, retries included. Passes
 * every batch on unchanged.
 */
public final class ListenerThreadConsumer implements BatchInterceptor<Object, Object> {

	private static final ThreadLocal<Consumer<?, ?>> CURRENT = new ThreadLocal<>();

	/**
	 * @return the consumer whose records this thread is handling, or {@code null} outside
	 * a listener container's consumer thread
	 */
	public static Consumer<?, ?> current() {
		return CURRENT.get();
	}

	@Override
	public ConsumerRecords<Object, Object> intercept(ConsumerRecords<Object, Object> records,
			Consumer<Object, Object> consumer) {
		return records;
	}

	@Override
	public void setupThreadState(Consumer<?, ?> consumer) {
		CURRENT.set(consumer);
	}

	@Override
	public void clearThreadState(Consumer<?, ?> consumer) {
		CURRENT.remove();
	}

}
