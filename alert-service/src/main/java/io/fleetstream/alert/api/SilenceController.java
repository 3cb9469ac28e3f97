package io.fleetstream.alert.api;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.fleetstream.alert.silences.Silence;
import io.fleetstream.alert.silences.SilenceStore;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import io.fleetstream.common.web.InvalidParameterException;

/**
 * Silences, as Alertmanager users know them: mute the e-mails of a car, a rule, or a rule
 * for a car, until an end time. Stored in Redis, so every instance honours them at once.
 */
@RestController
@RequestMapping("/api/v1/silences")
class SilenceController {

	private final SilenceStore silences;

	private final Clock clock;

	SilenceController(SilenceStore silences, Clock clock) {
		this.silences = silences;
		this.clock = clock;
	}

	@PostMapping
	@Operation(summary = "Create a silence (needs scope fleet:write)",
			description = "By carId and/or rule (at least one); endsAt in the future; startsAt defaults to now")
	ResponseEntity<Silence> create(@RequestBody @Valid SilenceRequest request, @Nullable Principal principal) {
		if (request.carId() == null && request.rule() == null) {
			throw new InvalidParameterException("carId", "a silence needs carId, rule or both");
		}
		Instant now = this.clock.instant();
		Instant startsAt = (request.startsAt() != null) ? request.startsAt() : now;
		if (!request.endsAt().isAfter(now) || !request.endsAt().isAfter(startsAt)) {
			throw new InvalidParameterException("endsAt", "endsAt must be after now and after startsAt");
		}
		String by = (principal != null) ? principal.getName() : request.createdBy();
		if (by == null || by.isBlank()) {
			throw new InvalidParameterException("createdBy",
					"createdBy is required when the request is not " + "authenticated");
		}
		Silence silence = new Silence(UUID.randomUUID().toString(), request.carId(), request.rule(), startsAt,
				request.endsAt(), request.comment(), by, now);
		this.silences.save(silence);
		return ResponseEntity
			.created(
					ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(silence.id()).toUri())
			.body(silence);
	}

	@GetMapping
	@Operation(summary = "The silences that have not ended, soonest end first")
	List<Silence> list() {
		return this.silences.current(this.clock.instant());
	}

	@GetMapping("/{id}")
	@Operation(summary = "One silence")
	Silence get(@PathVariable @Pattern(regexp = "[0-9a-f-]{36}") String id) {
		return this.silences.find(id).orElseThrow(() -> notFound(id));
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "End a silence now (needs scope fleet:write)")
	ResponseEntity<Void> delete(@PathVariable @Pattern(regexp = "[0-9a-f-]{36}") String id) {
		if (!this.silences.delete(id)) {
			throw notFound(id);
		}
		return ResponseEntity.noContent().build();
	}

	private static ResponseStatusException notFound(String id) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No silence " + id);
	}

	/**
	 * @param carId the car to mute, or none for every car
	 * @param rule the rule to mute, or none for every rule
	 * @param startsAt when it begins (default now)
	 * @param endsAt when it ends
	 * @param comment why
	 * @param createdBy who sets it (used only when the API is served open)
	 */
	record SilenceRequest(@Nullable @Size(min = 1, max = 256) String carId,
			@Nullable @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}") String rule, @Nullable Instant startsAt,
			@NotNull Instant endsAt, @NotBlank @Size(max = 1000) String comment,
			@Nullable @Size(max = 200) String createdBy) {
	}

}
