package dev.project51.testsupport.agent;

/** Thrown to end a connection abruptly, in the middle of a response. */
final class DroppedConnection extends RuntimeException {

	DroppedConnection() {
		super("connection dropped on purpose", null, false, false);
	}

}
