package dev.project51.reliability.deployment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.project51.agent.client.AgentClient;
import dev.project51.agent.client.AgentClientException;
import dev.project51.agent.contract.ChatReply;
import dev.project51.agent.contract.ChatRequest;
import tools.jackson.databind.JsonNode;

/**
 * Closed-loop chat load on the reference deployment: each simulated user keeps one
 * conversation and sends its next message as soon as the previous answer ended. Browser
 * users go through the frontend's stream; API users call the agent's blocking chat with
 * {@link AgentClient}. Every acknowledged message (a {@code done} event, a {@code 200}
 * reply) and every failure is recorded, so that a test can check afterwards that the
 * agent kept what it acknowledged.
 */
public final class ChatLoad implements AutoCloseable {

	private final Queue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();

	private final Queue<Failure> failures = new ConcurrentLinkedQueue<>();

	private final List<Thread> users = new ArrayList<>();

	private final CountDownLatch stopped;

	private volatile boolean running = true;

	private ChatLoad(ReferenceDeployment deployment, int browserUsers, int apiUsers) {
		this.stopped = new CountDownLatch(browserUsers + apiUsers);
		for (int i = 0; i < browserUsers; i++) {
			int user = i;
			this.users.add(startDaemon("browser-user-" + i,
					() -> runUser(() -> browserUser(deployment.frontendChat(), "browser-" + user))));
		}
		for (int i = 0; i < apiUsers; i++) {
			int user = i;
			this.users.add(startDaemon("api-user-" + i, () -> runUser(() -> apiUser(deployment, "api-" + user))));
		}
	}

	/**
	 * Starts the load.
	 * @param deployment the deployment
	 * @param browserUsers users chatting through the frontend
	 * @param apiUsers users calling the agent directly
	 * @return the running load; {@link #close()} stops it
	 */
	public static ChatLoad start(ReferenceDeployment deployment, int browserUsers, int apiUsers) {
		return new ChatLoad(deployment, browserUsers, apiUsers);
	}

	private static Thread startDaemon(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	/** Runs a user's loop until the load stops, then counts the user out. */
	private void runUser(UserLoop loop) {
		try {
			loop.run();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.stopped.countDown();
		}
	}

	private void browserUser(FrontendChat chat, String user) throws InterruptedException {
		String conversationId = null;
		int sequence = 0;
		while (this.running) {
			String message = user + " message " + (++sequence) + ": how do I roll back?";
			Instant sent = Instant.now();
			try {
				FrontendChat.Answer answer = chat.send(conversationId, message, Duration.ofSeconds(60));
				JsonNode done = answer.done();
				if (answer.status() == 200 && done != null) {
					conversationId = answer.conversationId();
					this.acknowledged.add(new Acknowledged(conversationId, message, done.path("reply").asString(),
							done.path("model").asString(), sent, Instant.now(), chat));
				}
				else {
					if (answer.conversationId() != null) {
						conversationId = answer.conversationId();
					}
					failed(user, sent, answer.toString());
				}
			}
			catch (java.io.IOException ex) {
				failed(user, sent, ex.toString());
			}
		}
	}

	private void apiUser(ReferenceDeployment deployment, String user) throws InterruptedException {
		String conversationId = null;
		int sequence = 0;
		try (AgentClient client = deployment.agentClient()) {
			while (this.running) {
				String message = user + " message " + (++sequence) + ": what is kind?";
				Instant sent = Instant.now();
				try {
					ChatReply reply = client.chat(ChatRequest.of(conversationId, message));
					conversationId = reply.conversationId();
					this.acknowledged.add(new Acknowledged(conversationId, message, reply.reply(), reply.model(), sent,
							Instant.now(), null));
				}
				catch (AgentClientException ex) {
					failed(user, sent, ex.toString());
				}
			}
		}
	}

	private void failed(String user, Instant sent, String what) throws InterruptedException {
		this.failures.add(new Failure(user, sent, Instant.now(), what));
		// A user whose message failed waits a moment before trying again, as a person
		// would.
		Thread.sleep(200);
	}

	/** A user's loop, which ends when the load stops or the thread is interrupted. */
	private interface UserLoop {

		void run() throws InterruptedException;

	}

	/**
	 * Messages acknowledged so far.
	 * @return a snapshot
	 */
	public List<Acknowledged> acknowledged() {
		return List.copyOf(this.acknowledged);
	}

	/**
	 * Failures so far.
	 * @return a snapshot
	 */
	public List<Failure> failures() {
		return List.copyOf(this.failures);
	}

	/**
	 * Stops sending and waits for the answers in flight.
	 */
	@Override
	public void close() {
		this.running = false;
		try {
			if (!this.stopped.await(90, TimeUnit.SECONDS)) {
				this.users.forEach(Thread::interrupt);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A message the deployment acknowledged.
	 *
	 * @param conversationId its conversation
	 * @param message what the user sent
	 * @param reply the answer
	 * @param model the model that answered
	 * @param sent when it was sent
	 * @param at when the answer ended
	 * @param browser the browser that sent it (its conversations are its own), or
	 * {@code null} for the API client
	 */
	public record Acknowledged(String conversationId, String message, String reply, String model, Instant sent,
			Instant at, FrontendChat browser) {

		/**
		 * The simulated user who sent the message.
		 * @return the user's name, such as {@code browser-0} or {@code api-1}
		 */
		public String user() {
			return this.message.substring(0, this.message.indexOf(" message "));
		}

	}

	/**
	 * A message that was not acknowledged.
	 *
	 * @param user the simulated user
	 * @param sent when it was sent
	 * @param at when it failed
	 * @param what what happened
	 */
	public record Failure(String user, Instant sent, Instant at, String what) {

	}

}
