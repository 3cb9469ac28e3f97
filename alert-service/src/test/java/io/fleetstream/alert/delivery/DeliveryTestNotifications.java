package io.fleetstream.alert.delivery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Notifications for delivery tests, each with an episode id unique to the test run (the
 * tests share one redis-server).
 */
final class DeliveryTestNotifications {

	static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:fleet-alerts";

	static final long EVENT_TIME = 1764584130123L;

	private DeliveryTestNotifications() {
	}

	static AlertNotification firing(String carId, String rule) {
		return notification(carId, rule, "FIRING", Map.of());
	}

	static AlertNotification notification(String carId, String rule, String state, Map<String, Object> signals) {
		String episodeId = carId + "|" + rule + "|" + EVENT_TIME + "|" + UUID.randomUUID();
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("description", "Engine coolant above 110 C");
		values.putAll(signals);
		return new AlertNotification(episodeId, state, carId, rule, "warning", EVENT_TIME,
				"[{{severity}}] {{rule}} {{state}}: {{carId}}",
				"{{description}}\nCar: {{carId}}\nEpisode: {{episodeId}}", values, List.of());
	}

}
