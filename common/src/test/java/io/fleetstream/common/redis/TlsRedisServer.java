package io.fleetstream.common.redis;

import java.util.ArrayList;
import java.util.List;

import io.fleetstream.devinfra.FreePorts;
import io.fleetstream.devinfra.RedisProcess;

/**
 * A real redis-server with a TLS port (server certificate only, no client certificates,
 * as on ElastiCache) beside its plain port, which tests use to administer the server
 * without going through the client under test. The ACL user {@code fleet} with password
 * {@code s3cret} exists for authentication tests.
 */
final class TlsRedisServer implements AutoCloseable {

	static final String ACL_USER = "fleet";

	static final String ACL_PASSWORD = "s3cret";

	private final RedisProcess process;

	private final int tlsPort;

	private TlsRedisServer(RedisProcess process, int tlsPort) {
		this.process = process;
		this.tlsPort = tlsPort;
	}

	static TlsRedisServer start(TestCertificates authority, TestCertificates.Issued certificate,
			String... extraSettings) {
		int tlsPort = FreePorts.find();
		List<String> settings = new ArrayList<>(List.of("save \"\"", "appendonly no", "tls-port " + tlsPort,
				"tls-cert-file " + certificate.certificate(), "tls-key-file " + certificate.privateKey(),
				"tls-ca-cert-file " + authority.caCertificate(), "tls-auth-clients no",
				"user " + ACL_USER + " on >" + ACL_PASSWORD + " ~* &* +@all"));
		settings.addAll(List.of(extraSettings));
		return new TlsRedisServer(RedisProcess.start(FreePorts.find(), settings), tlsPort);
	}

	int tlsPort() {
		return this.tlsPort;
	}

	/** The plain-text port, for administration by the test only. */
	int plainPort() {
		return this.process.port();
	}

	@Override
	public void close() {
		this.process.close();
	}

}
