package io.fleetstream.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A child JVM runs a main class from the test's class path with its output in a log;
 * {@link ChildJvm#kill()} ends it with SIGKILL (exit status 128 + 9), after which
 * {@link ChildJvm#ensureAlive()} fails quoting the log.
 */
class ChildJvmTests {

	@Test
	void aKilledChildIsGoneWithSigkillsStatusAndEnsureAliveQuotesItsLog(@TempDir Path logs) throws Exception {
		ChildJvm child = ChildJvm.start("sleeper", Sleeper.class, List.of("-Xmx32m"), List.of("hello"), logs);
		try {
			Path log = logs.resolve("sleeper.log");
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				child.ensureAlive();
				return Files.exists(log) && Files.readString(log).contains("sleeping: hello");
			});
			child.ensureAlive();

			child.kill();

			assertThat(child.isAlive()).isFalse();
			assertThatExceptionOfType(AssertionError.class).isThrownBy(child::ensureAlive)
				.withMessageContaining("sleeper exited with 137")
				.withMessageContaining("sleeping: hello");
		}
		finally {
			child.close();
		}
	}

	/** Says it sleeps, then sleeps until killed. */
	public static final class Sleeper {

		public static void main(String[] args) throws InterruptedException {
			System.out.println("sleeping: " + String.join(" ", args));
			Thread.sleep(Long.MAX_VALUE);
		}

	}

}
