package io.fleetstream.local.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.fleetstream.devinfra.FreePorts;

/**
 * Chooses every port before anything starts, so all addresses are known up front. An
 * unset port is the usual one, or any free port if the usual one is taken (noted for the
 * banner); a port that was set must be free, or start-up fails naming the option to
 * change; 0 means any free port.
 */
public final class PortChooser {

	private final Set<Integer> chosen = new HashSet<>();

	private final List<String> notes = new ArrayList<>();

	/**
	 * @param what what listens there, for messages
	 * @param option the option that sets this port, for messages
	 * @param requested the port asked for, or {@code null} for the usual one
	 * @param usual the usual port
	 */
	public int choose(String what, String option, Integer requested, int usual) {
		int port;
		if (requested == null) {
			port = isFree(usual) ? usual : anyFreePort();
			if (port != usual) {
				this.notes.add(String.format("%s: port %d is taken, using %d instead (set %s to choose)", what, usual,
						port, option));
			}
		}
		else if (requested == 0) {
			port = anyFreePort();
		}
		else if (isFree(requested)) {
			port = requested;
		}
		else {
			throw new PortInUseException(String.format(
					"%s cannot listen on port %d: it is in use (another %s, or a local stack already running?). "
							+ "Stop that process or choose a port with %s=<port> (0 = any free port).",
					what, requested, what, option));
		}
		this.chosen.add(port);
		return port;
	}

	/** What was chosen differently from what was asked, for the banner. */
	public List<String> notes() {
		return List.copyOf(this.notes);
	}

	private int anyFreePort() {
		for (int attempt = 0; attempt < 20; attempt++) {
			int port = FreePorts.find();
			if (!this.chosen.contains(port)) {
				return port;
			}
		}
		throw new IllegalStateException("No free port found");
	}

	private boolean isFree(int port) {
		return !this.chosen.contains(port) && FreePorts.isFree(port) && isFreeOnAllInterfaces(port);
	}

	private static boolean isFreeOnAllInterfaces(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** A port that was asked for explicitly is taken. */
	public static class PortInUseException extends RuntimeException {

		PortInUseException(String message) {
			super(message);
		}

	}

}
