package io.fleetstream.enrichment.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.fleetstream.enrichment.snapshot.CarSnapshots;
import io.fleetstream.enrichment.state.CarState;
import io.fleetstream.enrichment.state.CarStateStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import io.fleetstream.common.web.InvalidParameterException;

/**
 * One car: its snapshot attributes and its up-to-date state (Redis, as the join last
 * wrote it).
 */
@RestController
@RequestMapping("/api/v1/cars")
@Tag(name = "cars", description = "A car's reference attributes and up-to-date state")
@ProblemResponses
class CarController {

	/** ingest-service's car-id rule: the same ids are valid in every API. */
	static final Pattern CAR_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	private final CarSnapshots snapshots;

	private final CarStateStore states;

	CarController(CarSnapshots snapshots, CarStateStore states) {
		this.snapshots = snapshots;
		this.states = states;
	}

	@GetMapping("/{id}")
	@Operation(summary = "A car's snapshot attributes (carinfo and deviceinfo) and up-to-date state")
	CarView car(@Parameter(description = "car id (the telemetry record key)") @PathVariable String id) {
		String carId = carId(id);
		Map<String, Object> reference = this.snapshots.referenceOf(carId);
		CarState state = this.states.read(carId);
		if (reference.isEmpty() && state == null) {
			throw notFound(carId, "Neither the snapshot nor the vehicle state knows car '" + carId + "'");
		}
		return new CarView(carId, !reference.isEmpty(), reference, StateView.of(carId, state));
	}

	@GetMapping("/{id}/state")
	@Operation(summary = "A car's up-to-date state: every signal with the event time it was sent at")
	StateView state(@Parameter(description = "car id (the telemetry record key)") @PathVariable String id) {
		String carId = carId(id);
		CarState state = this.states.read(carId);
		if (state == null) {
			throw notFound(carId, "No state is stored for car '" + carId + "'");
		}
		return StateView.of(carId, state);
	}

	private static String carId(String id) {
		if (!CAR_ID.matcher(id).matches()) {
			throw new InvalidParameterException("id",
					"id must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'");
		}
		return id;
	}

	private static ErrorResponseException notFound(String carId, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
		problem.setTitle("Car not found");
		problem.setProperty("carId", carId);
		return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
	}

	/**
	 * @param carId the car
	 * @param referenceKnown whether the snapshot has the car
	 * @param reference its snapshot attributes ({@code {}} when unknown)
	 * @param state its up-to-date state (no signals when none is stored)
	 */
	record CarView(String carId, boolean referenceKnown, Map<String, Object> reference, StateView state) {
	}

	/**
	 * @param carId the car
	 * @param signals every signal's value and event time (epoch ms), by flattened path
	 */
	record StateView(String carId, Map<String, SignalView> signals) {

		static StateView of(String carId, CarState state) {
			Map<String, SignalView> signals = new LinkedHashMap<>();
			if (state != null) {
				state.signals()
					.forEach((path, signal) -> signals.put(path, new SignalView(signal.value(), signal.timeMs())));
			}
			return new StateView(carId, signals);
		}

	}

	/**
	 * @param value the latest value, with its JSON type
	 * @param eventTime epoch ms event time of the update that set it
	 */
	record SignalView(Object value, long eventTime) {
	}

}
