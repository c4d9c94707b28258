package dev.project51.agent.server.testsupport;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.langchain4j.agent.tool.Tool;

/**
 * An application tool that blocks until released, to hold a conversation busy.
 */
public class SlowTool {

	private static volatile CountDownLatch started = new CountDownLatch(1);

	private static volatile CountDownLatch release = new CountDownLatch(1);

	/**
	 * Arms the tool: the next call blocks until {@link #release()}.
	 */
	public static void arm() {
		started = new CountDownLatch(1);
		release = new CountDownLatch(1);
	}

	/**
	 * Waits until a call is blocked in the tool.
	 * @param seconds the longest wait
	 * @return whether a call started
	 * @throws InterruptedException if interrupted
	 */
	public static boolean awaitStarted(long seconds) throws InterruptedException {
		return started.await(seconds, TimeUnit.SECONDS);
	}

	/**
	 * Lets the blocked call finish.
	 */
	public static void release() {
		release.countDown();
	}

	@Tool("Runs the slow maintenance operation of the deployment and reports when it finished")
	public String slowMaintenance() throws InterruptedException {
		started.countDown();
		release.await(30, TimeUnit.SECONDS);
		return "The maintenance finished.";
	}

}
