package io.fleetstream.common.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority and server certificates it signs, made at test time
 * with the JDK's {@code keytool} (no key material is committed). Everything is written as
 * PEM, which redis-server and Spring Boot's PEM SSL bundles read.
 */
public final class TestCertificates {

	private static final String PASSWORD = "test-only";

	private final Path dir;

	private TestCertificates(Path dir) {
		this.dir = dir;
	}

	/** A new CA in a new directory under {@code parent}. */
	public static TestCertificates createAuthority(Path parent) {
		try {
			TestCertificates certificates = new TestCertificates(Files.createTempDirectory(parent, "tls-"));
			certificates.keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
					"CN=FleetStream Test CA", "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12");
			certificates.keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.pem");
			return certificates;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Path caCertificate() {
		return this.dir.resolve("ca.pem");
	}

	/**
	 * A key pair and a certificate signed by this CA for the given subject alternative
	 * names (for example {@code ip:127.0.0.1,dns:localhost}).
	 */
	public Issued issue(String name, String subjectAlternativeNames) {
		String store = name + ".p12";
		keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
				"-keystore", store);
		keytool("-certreq", "-alias", name, "-keystore", store, "-file", name + ".csr");
		keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-infile", name + ".csr", "-outfile",
				name + ".pem", "-validity", "2", "-ext", "SAN=" + subjectAlternativeNames, "-ext",
				"KU=digitalSignature,keyAgreement", "-ext", "EKU=serverAuth,clientAuth");
		Path key = this.dir.resolve(name + ".key");
		writePrivateKey(this.dir.resolve(store), name, key);
		return new Issued(this.dir.resolve(name + ".pem"), key);
	}

	private void writePrivateKey(Path store, String alias, Path target) {
		try (InputStream in = Files.newInputStream(store)) {
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			keyStore.load(in, PASSWORD.toCharArray());
			Key key = keyStore.getKey(alias, PASSWORD.toCharArray());
			String pem = "-----BEGIN PRIVATE KEY-----\n"
					+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
						.encodeToString(key.getEncoded())
					+ "\n-----END PRIVATE KEY-----\n";
			Files.writeString(target, pem);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void keytool(String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(arguments));
		command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD, "-noprompt"));
		try {
			Process process = new ProcessBuilder(command).directory(this.dir.toFile())
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("keytool " + String.join(" ", arguments) + " failed: " + output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A certificate (PEM) and its private key (PKCS #8 PEM). */
	public record Issued(Path certificate, Path privateKey) {
	}

}
