package io.fleetstream.ingest.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.ProblemDetail;

/**
 * Documents the RFC 9457 problem responses every operation may give (404 is documented on
 * the operations that look up one car).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ApiResponse(responseCode = "400", description = "A parameter is malformed, out of range or over a cap",
		content = @Content(mediaType = "application/problem+json",
				schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "404", description = "No position is stored for the car",
		content = @Content(mediaType = "application/problem+json",
				schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "404",
		description = "No position is stored for the car (operations on one car), or no such path",
		content = @Content(mediaType = "application/problem+json",
				schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "406", description = "The Accept header asks for a type the operation cannot give",
		content = @Content(mediaType = "application/problem+json",
				schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "503", description = "The position store (Redis) is unreachable or too slow",
		content = @Content(mediaType = "application/problem+json",
				schema = @Schema(implementation = ProblemDetail.class)))
@interface ProblemResponses {

}
