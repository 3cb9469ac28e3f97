package io.fleetstream.alert.evaluation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Deterministic episode ids: {@code <car>~<rule>~<start event time ms>}, so the same
 * episode has the same id on a replay, after a restart or on another instance. The id is
 * used in URLs: a car id that is not plain ({@code [A-Za-z0-9_.-]}, at most 64
 * characters) is replaced by {@code x} and the first 24 hex digits of its SHA-256.
 */
public final class EpisodeIds {

	private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

	/** What an episode id looks like, for the API's validation. */
	public static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_.-]{1,64}~[a-z0-9-]{1,63}~\\d{1,19}");

	private EpisodeIds() {
	}

	public static String of(String carId, String ruleId, long startedAtMs) {
		return carPart(carId) + "~" + ruleId + "~" + startedAtMs;
	}

	private static String carPart(String carId) {
		if (PLAIN.matcher(carId).matches()) {
			return carId;
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(carId.getBytes(StandardCharsets.UTF_8));
			return "x" + HexFormat.of().formatHex(digest).substring(0, 24);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
