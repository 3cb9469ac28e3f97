package io.fleetstream.common.redis;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Checks the token against a SigV4 query-string signature computed here from the
 * specification (canonical request, string to sign, HMAC key chain), independently of the
 * AWS SDK.
 */
class ElastiCacheIamTokenGeneratorTests {

	private static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";

	private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

	private static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjE+/Fleet//Stream==";

	private static final Instant SIGNING_TIME = Instant.parse("2026-11-22T10:15:30Z");

	private static final String CACHE = "fleet-positions";

	private static final String USER = "ingest-service";

	@Test
	void tokenIsAPresignedConnectRequestWithoutItsScheme() {
		String token = generator(false, session()).generateToken();

		assertThat(token).startsWith(CACHE + "/?").doesNotContain("https://");
		assertThat(queryOf(token)).containsEntry("Action", "connect")
			.containsEntry("User", USER)
			.containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256")
			.containsEntry("X-Amz-Credential", ACCESS_KEY + "/20261122/eu-west-1/elasticache/aws4_request")
			.containsEntry("X-Amz-Date", "20261122T101530Z")
			.containsEntry("X-Amz-Expires", "900")
			.containsEntry("X-Amz-SignedHeaders", "host")
			.containsEntry("X-Amz-Security-Token", SESSION_TOKEN)
			.doesNotContainKey("ResourceType");
	}

	@Test
	void tokenCarriesExactlyTheSignedParametersAndAnIndependentlyComputedSignature() {
		String token = generator(false, session()).generateToken();

		Map<String, String> expected = new TreeMap<>(Map.of("Action", "connect", "User", USER, "X-Amz-Algorithm",
				"AWS4-HMAC-SHA256", "X-Amz-Credential", ACCESS_KEY + "/" + scope(), "X-Amz-Date", "20261122T101530Z",
				"X-Amz-Expires", "900", "X-Amz-Security-Token", SESSION_TOKEN, "X-Amz-SignedHeaders", "host"));
		Map<String, String> actual = new TreeMap<>(queryOf(token));
		String signature = actual.remove("X-Amz-Signature");

		assertThat(actual).isEqualTo(expected);
		assertThat(signature).isEqualTo(SigV4.signature(expected, CACHE, scope(), "20261122T101530Z"));
	}

	@Test
	void serverlessCacheTokenNamesTheResourceTypeAndIsSignedWithIt() {
		String token = generator(true, session()).generateToken();

		Map<String, String> actual = new TreeMap<>(queryOf(token));
		String signature = actual.remove("X-Amz-Signature");

		assertThat(actual).containsEntry("ResourceType", "ServerlessCache");
		assertThat(signature).isEqualTo(SigV4.signature(actual, CACHE, scope(), "20261122T101530Z"));
	}

	@Test
	void longTermCredentialsGiveATokenWithoutSecurityToken() {
		String token = generator(false,
				StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
			.generateToken();

		Map<String, String> actual = new TreeMap<>(queryOf(token));
		String signature = actual.remove("X-Amz-Signature");

		assertThat(actual).doesNotContainKey("X-Amz-Security-Token");
		assertThat(signature).isEqualTo(SigV4.signature(actual, CACHE, scope(), "20261122T101530Z"));
	}

	@Test
	void missingAwsCredentialsSurfaceAsAnException() {
		AwsCredentialsProvider none = () -> {
			throw new IllegalStateException("Unable to load credentials from any of the providers in the chain");
		};

		assertThatIllegalStateException().isThrownBy(() -> generator(false, none).generateToken())
			.withMessageContaining("Unable to load credentials");
	}

	private static ElastiCacheIamTokenGenerator generator(boolean serverless, AwsCredentialsProvider credentials) {
		return new ElastiCacheIamTokenGenerator(USER, CACHE, serverless, Region.EU_WEST_1, credentials,
				Clock.fixed(SIGNING_TIME, ZoneOffset.UTC));
	}

	private static AwsCredentialsProvider session() {
		return StaticCredentialsProvider.create(AwsSessionCredentials.create(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN));
	}

	private static String scope() {
		return "20261122/eu-west-1/elasticache/aws4_request";
	}

	private static Map<String, String> queryOf(String token) {
		String query = token.substring(token.indexOf("/?") + 2);
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			parameters.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
		}
		return parameters;
	}

	private static String decode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

	/** SigV4 for a presigned GET with an empty body, written from the specification. */
	static final class SigV4 {

		static String signature(Map<String, String> signedParameters, String host, String scope, String amzDate) {
			String canonicalQuery = new TreeMap<>(signedParameters).entrySet()
				.stream()
				.map((entry) -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
				.collect(Collectors.joining("&"));
			String canonicalRequest = String.join("\n", "GET", "/", canonicalQuery, "host:" + host, "", "host",
					hex(sha256("")));
			String stringToSign = String.join("\n", "AWS4-HMAC-SHA256", amzDate, scope, hex(sha256(canonicalRequest)));
			String[] scopeParts = scope.split("/");
			byte[] key = hmac(("AWS4" + SECRET_KEY).getBytes(StandardCharsets.UTF_8), scopeParts[0]);
			key = hmac(key, scopeParts[1]);
			key = hmac(key, scopeParts[2]);
			key = hmac(key, scopeParts[3]);
			return hex(hmac(key, stringToSign));
		}

		/** RFC 3986 unreserved characters stay, everything else is %XX (upper case). */
		static String encode(String value) {
			StringBuilder encoded = new StringBuilder();
			for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
				char c = (char) (b & 0xff);
				if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
						|| c == '.' || c == '~') {
					encoded.append(c);
				}
				else {
					encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
				}
			}
			return encoded.toString();
		}

		static byte[] sha256(String value) {
			try {
				return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

		static byte[] hmac(byte[] key, String data) {
			try {
				Mac mac = Mac.getInstance("HmacSHA256");
				mac.init(new SecretKeySpec(key, "HmacSHA256"));
				return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

		static String hex(byte[] bytes) {
			return HexFormat.of().formatHex(bytes);
		}

	}

}
