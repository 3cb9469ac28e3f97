package io.fleetstream.ingest.api;

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
import java.util.List;
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
 * metadata and JWK set served over HTTP on the loopback address (so the service finds the
 * keys exactly as it would at a real issuer), and tokens signed with that key, or with
 * another one that the issuer does not publish.
 */
final class TestIssuer implements AutoCloseable {

	static final String AUDIENCE = "fleetstream-api";

	private final HttpServer server;

	private final RSAKey signingKey;

	private final RSAKey unpublishedKey;

	private TestIssuer(HttpServer server, RSAKey signingKey, RSAKey unpublishedKey) {
		this.server = server;
		this.signingKey = signingKey;
		this.unpublishedKey = unpublishedKey;
	}

	static TestIssuer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			// the forger uses the published key's id, so only the signature can give it
			// away
			String keyId = UUID.randomUUID().toString();
			TestIssuer issuer = new TestIssuer(server, newKey(keyId), newKey(keyId));
			server.createContext("/issuer/.well-known/openid-configuration", (exchange) -> issuer.json(exchange, """
					{"issuer":"%s","jwks_uri":"%s/jwks","id_token_signing_alg_values_supported":["RS256"],
					 "subject_types_supported":["public"],"response_types_supported":["code"]}"""
				.formatted(issuer.uri(), issuer.uri())));
			server.createContext("/issuer/jwks",
					(exchange) -> issuer.json(exchange, new JWKSet(issuer.signingKey.toPublicJWK()).toString()));
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

	/** A token for the API: this issuer, its audience, valid for 5 minutes, no scope. */
	Token token(String subject) {
		Instant now = Instant.now();
		return new Token(this.signingKey, uri(), List.of(AUDIENCE), subject, null, now.plus(Duration.ofMinutes(5)),
				now);
	}

	/** The same, signed with a key the issuer does not publish. */
	Token forgedToken(String subject) {
		Token token = token(subject);
		return new Token(this.unpublishedKey, token.issuer, token.audiences, subject, null, token.expiresAt,
				token.issuedAt);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void json(HttpExchange exchange, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static RSAKey newKey(String keyId) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
				.keyID(keyId)
				.build();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The claims of one token; {@code expiresAt} may be null (no {@code exp}), and
	 * {@code scope} is the space-separated {@code scope} claim (none when null).
	 */
	record Token(RSAKey key, String issuer, List<String> audiences, String subject, String scope, Instant expiresAt,
			Instant issuedAt) {

		Token scope(String scope) {
			return new Token(this.key, this.issuer, this.audiences, this.subject, scope, this.expiresAt, this.issuedAt);
		}

		Token issuer(String issuer) {
			return new Token(this.key, issuer, this.audiences, this.subject, this.scope, this.expiresAt, this.issuedAt);
		}

		Token audiences(String... audiences) {
			return new Token(this.key, this.issuer, List.of(audiences), this.subject, this.scope, this.expiresAt,
					this.issuedAt);
		}

		Token expiresAt(Instant expiresAt) {
			return new Token(this.key, this.issuer, this.audiences, this.subject, this.scope, expiresAt, this.issuedAt);
		}

		Token issuedAt(Instant issuedAt) {
			return new Token(this.key, this.issuer, this.audiences, this.subject, this.scope, this.expiresAt, issuedAt);
		}

		/** The signed, compact-serialized JWT. */
		String signed() {
			JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(this.issuer)
				.audience(this.audiences)
				.subject(this.subject)
				.issueTime(Date.from(this.issuedAt))
				.jwtID(UUID.randomUUID().toString());
			if (this.expiresAt != null) {
				claims.expirationTime(Date.from(this.expiresAt));
			}
			if (this.scope != null) {
				claims.claim("scope", this.scope);
			}
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.key.getKeyID())
				.type(JOSEObjectType.JWT)
				.build(), claims.build());
			try {
				jwt.sign(new RSASSASigner(this.key));
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
			return jwt.serialize();
		}

	}

}
