package io.fleetstream.local.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Pid files of the processes a local stack starts, so that one left behind by a stack
 * whose JVM was killed ({@code kill -9}, a crash) is found and stopped the next time. A
 * pid file names the child and the JVM that owns it; children of a live JVM (another
 * stack or a test run) are never touched.
 */
final class LeftoverProcess {

	private static final Log logger = LogFactory.getLog(LeftoverProcess.class);

	static final Path DIRECTORY = Path.of(System.getProperty("java.io.tmpdir"), "fleetstream-local");

	private LeftoverProcess() {
	}

	static Path record(String name, Process child) throws IOException {
		Files.createDirectories(DIRECTORY);
		Path pidFile = DIRECTORY.resolve(name + ".pid");
		Files.writeString(pidFile, child.pid() + " " + ProcessHandle.current().pid());
		return pidFile;
	}

	static void stopOrphans(String executableName) {
		if (!Files.isDirectory(DIRECTORY)) {
			return;
		}
		try (DirectoryStream<Path> pidFiles = Files.newDirectoryStream(DIRECTORY, "*.pid")) {
			for (Path pidFile : pidFiles) {
				String[] pids = Files.readString(pidFile).trim().split(" ");
				if (pids.length == 2 && !isAlive(pids[1])) {
					handle(pids[0]).filter((child) -> isRunning(child, executableName))
						.ifPresent(LeftoverProcess::stop);
					Files.deleteIfExists(pidFile);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void stop(ProcessHandle child) {
		logger.warn("Stopping " + child.info().command().orElse("process") + " (pid " + child.pid()
				+ ") left running by an earlier local stack that was killed");
		child.destroy();
		child.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally((ex) -> {
			child.destroyForcibly();
			return child;
		}).join();
	}

	private static boolean isRunning(ProcessHandle process, String executableName) {
		return process.isAlive() && process.info().command().map((c) -> c.contains(executableName)).orElse(false);
	}

	private static boolean isAlive(String pid) {
		return handle(pid).map(ProcessHandle::isAlive).orElse(false);
	}

	private static Optional<ProcessHandle> handle(String pid) {
		try {
			return ProcessHandle.of(Long.parseLong(pid));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

}
