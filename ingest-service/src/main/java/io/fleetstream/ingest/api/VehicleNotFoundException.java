package io.fleetstream.ingest.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * No position is stored for the car: answered with a 404 problem.
 */
class VehicleNotFoundException extends ErrorResponseException {

	VehicleNotFoundException(String carId) {
		super(HttpStatus.NOT_FOUND, problem(carId), null);
	}

	private static ProblemDetail problem(String carId) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"No position is stored for car '" + carId + "'");
		problem.setTitle("Vehicle not found");
		problem.setProperty("carId", carId);
		return problem;
	}

}
