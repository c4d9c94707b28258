package dev.project51.testsupport.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Ports of the loopback address that were free a moment ago, for a server a test starts
 * in another process or that cannot listen on port 0 and say which port it got. Several
 * ports asked for at once are distinct: each is held until all are chosen, so the system
 * cannot hand out the same one twice.
 */
public final class FreePorts {

	private FreePorts() {
	}

	/**
	 * One free port.
	 * @return the port
	 * @throws UncheckedIOException when no port could be bound
	 */
	public static int one() {
		return of(1)[0];
	}

	/**
	 * Distinct free ports.
	 * @param count how many
	 * @return the ports, all different
	 * @throws IllegalArgumentException when {@code count} is below 1
	 * @throws UncheckedIOException when no port could be bound
	 */
	public static int[] of(int count) {
		if (count < 1) {
			throw new IllegalArgumentException("count must be at least 1, was " + count);
		}
		List<ServerSocket> held = new ArrayList<>(count);
		try {
			int[] ports = new int[count];
			for (int i = 0; i < count; i++) {
				ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				held.add(socket);
				ports[i] = socket.getLocalPort();
			}
			return ports;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port on the loopback address", ex);
		}
		finally {
			for (ServerSocket socket : held) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// Closing a listening socket that accepted nothing
				}
			}
		}
	}

}
