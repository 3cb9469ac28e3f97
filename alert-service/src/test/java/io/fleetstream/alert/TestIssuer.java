package io.fleetstream.alert;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A token issuer on this machine for tests: an RSA key made at start, its OpenID Connect
 * metadata and JWK set served on the loopback address (the service discovers the keys as
 * at a real issuer), and tokens signed with it.
 */
final class TestIssuer implements AutoCloseable {

	static final String AUDIENCE = "fleetstream-api";

	private final HttpServer server;

	private final RSAKey key;

	private TestIssuer(HttpServer server, RSAKey key) {
		this.server = server;
		this.key = key;
	}

	static TestIssuer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			TestIssuer issuer = new TestIssuer(server, newKey());
			server.createContext("/issuer/.well-known/openid-configuration", (exchange) -> json(exchange, """
					{"issuer":"%s","jwks_uri":"%s/jwks","id_token_signing_alg_values_supported":["RS256"],
					 "subject_types_supported":["public"],"response_types_supported":["code"]}"""
				.formatted(issuer.uri(), issuer.uri())));
			server.createContext("/issuer/jwks",
					(exchange) -> json(exchange, new JWKSet(issuer.key.toPublicJWK()).toString()));
			server.start();
			return issuer;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the test issuer", ex);
		}
	}

	/** The issuer identifier, as in the tokens' {@code iss}. */
	String uri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/issuer";
	}

	/**
	 * A signed access token for the API, valid for 5 minutes.
	 * @param subject who (the {@code sub} claim)
	 * @param scope the space-separated scopes
	 */
	String token(String subject, String scope) {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(uri())
			.audience(AUDIENCE)
			.subject(subject)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
			.jwtID(UUID.randomUUID().toString())
			.claim("scope", scope)
			.build();
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.key.getKeyID()).type(JOSEObjectType.JWT).build(),
				claims);
		try {
			jwt.sign(new RSASSASigner(this.key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private static void json(HttpExchange exchange, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static RSAKey newKey() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
				.keyID(UUID.randomUUID().toString())
				.build();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
