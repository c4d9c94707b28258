package dev.project51.frontend.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import dev.project51.agent.client.AgentClient;
import dev.project51.agent.client.AgentClientException;
import dev.project51.agent.client.AgentUnauthorizedException;
import dev.project51.agent.contract.CircuitState;
import dev.project51.agent.contract.Health;
import dev.project51.agent.contract.ModelStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.util.Assert;

/**
 * Finds out whether the agent can answer, and with which model.
 * <p>
 * A check asks the agent's readiness probe and then its failover chain. Results are
 * reused for a short time, and concurrent callers share one check in flight, so many open
 * pages cost one call to the agent. A caller never waits longer than the check timeout: a
 * hanging agent counts as unavailable.
 *
 * @since 0.1.0
 */
public class AgentStatusService implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(AgentStatusService.class);

	/** A qualified Java class name, or a simple one that ends like an exception's. */
	private static final Pattern CLASS_NAME = Pattern
		.compile("\\b(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*|\\b[A-Z]\\w*(?:Exception|Error|Throwable)\\b");

	private static final int MAX_REASON_LENGTH = 160;

	private final AgentClient client;

	private final Duration cacheTtl;

	private final Duration checkTimeout;

	private final Clock clock;

	private final Executor executor;

	/** The thread of this service, if no executor was given. */
	private final ExecutorService ownExecutor;

	private final Object lock = new Object();

	private AgentStatus cached;

	private CompletableFuture<AgentStatus> inFlight;

	private State lastLoggedState;

	/**
	 * Create a service.
	 * @param client the agent client
	 * @param cacheTtl how long a result is reused; zero checks on every call
	 * @param checkTimeout how long a caller waits for a check
	 * @param clock the clock
	 */
	public AgentStatusService(AgentClient client, Duration cacheTtl, Duration checkTimeout, Clock clock) {
		this(client, cacheTtl, checkTimeout, clock, null);
	}

	/**
	 * Create a service.
	 * @param client the agent client
	 * @param cacheTtl how long a result is reused; zero checks on every call
	 * @param checkTimeout how long a caller waits for a check
	 * @param clock the clock
	 * @param executor where the checks run, owned (and shut down) by the caller;
	 * {@code null} for a thread of this service's own
	 */
	public AgentStatusService(AgentClient client, Duration cacheTtl, Duration checkTimeout, Clock clock,
			Executor executor) {
		Assert.notNull(client, "'client' must not be null");
		Assert.isTrue(cacheTtl != null && !cacheTtl.isNegative(),
				() -> "'cacheTtl' must be zero or positive, but was " + cacheTtl);
		Assert.isTrue(checkTimeout != null && checkTimeout.toMillis() > 0,
				() -> "'checkTimeout' must be positive, but was " + checkTimeout);
		Assert.notNull(clock, "'clock' must not be null");
		this.client = client;
		this.cacheTtl = cacheTtl;
		this.checkTimeout = checkTimeout;
		this.clock = clock;
		this.ownExecutor = (executor != null) ? null : Executors.newSingleThreadExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "project51-agent-status");
			thread.setDaemon(true);
			return thread;
		});
		this.executor = (executor != null) ? executor : this.ownExecutor;
	}

	/**
	 * The agent's status, checked now or reused from a recent check.
	 * @return the status, never {@code null}
	 */
	public AgentStatus current() {
		CompletableFuture<AgentStatus> check;
		synchronized (this.lock) {
			if (this.cached != null && isFresh(this.cached)) {
				return this.cached;
			}
			check = this.inFlight;
			if (check == null) {
				try {
					check = CompletableFuture.supplyAsync(this::check, this.executor);
				}
				catch (RejectedExecutionException ex) {
					return AgentStatus.unavailable("The assistant's status could not be checked.",
							this.clock.instant());
				}
				this.inFlight = check;
				// A check that is already done completes here, on this thread, and
				// clears inFlight at once: this caller keeps its own reference.
				CompletableFuture<AgentStatus> started = check;
				started.whenComplete((status, ex) -> completed(started, status));
			}
		}
		try {
			return check.get(this.checkTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			return AgentStatus.unavailable("The assistant did not answer a status check within "
					+ this.checkTimeout.toMillis() / 1000.0 + " s.", this.clock.instant());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return AgentStatus.unavailable("The status check was interrupted.", this.clock.instant());
		}
		catch (ExecutionException ex) {
			logger.warn("Agent status check failed unexpectedly", ex.getCause());
			return AgentStatus.unavailable("The assistant's status could not be checked.", this.clock.instant());
		}
	}

	/**
	 * Forget the last result, for example after an answer failed because the agent was
	 * unavailable, so that the next call checks again.
	 */
	public void invalidate() {
		synchronized (this.lock) {
			this.cached = null;
		}
	}

	/**
	 * Take note of how an answer was given: when a fallback model answered while the last
	 * result says healthy (or the preferred model answered while it says degraded), the
	 * result is out of date and the next call checks again.
	 * @param degraded whether a fallback model answered
	 */
	public void observe(boolean degraded) {
		synchronized (this.lock) {
			if (this.cached != null && this.cached.isAvailable()
					&& (this.cached.state() == AgentStatus.State.DEGRADED) != degraded) {
				this.cached = null;
			}
		}
	}

	@Override
	public void destroy() {
		if (this.ownExecutor != null) {
			this.ownExecutor.shutdownNow();
		}
	}

	private boolean isFresh(AgentStatus status) {
		return Duration.between(status.checkedAt(), this.clock.instant()).compareTo(this.cacheTtl) < 0;
	}

	private void completed(CompletableFuture<AgentStatus> check, AgentStatus status) {
		synchronized (this.lock) {
			if (status != null) {
				this.cached = status;
			}
			if (this.inFlight == check) {
				this.inFlight = null;
			}
		}
		if (status != null) {
			logTransition(status);
		}
	}

	private void logTransition(AgentStatus status) {
		State state = new State(status.state(), status.model());
		synchronized (this.lock) {
			if (state.equals(this.lastLoggedState)) {
				return;
			}
			this.lastLoggedState = state;
		}
		if (status.state() == AgentStatus.State.UNAVAILABLE) {
			logger.warn("Agent is unavailable: {}", status.detail());
		}
		else {
			logger.info("Agent is {}: {}", status.state().name().toLowerCase(java.util.Locale.ROOT), status.detail());
		}
	}

	AgentStatus check() {
		Instant now = this.clock.instant();
		Health health;
		try {
			health = this.client.health();
		}
		catch (AgentClientException ex) {
			return AgentStatus.unavailable(describe(ex), now);
		}
		if (health == null || !health.isUp()) {
			return AgentStatus.unavailable("The assistant is running, but none of its models can answer right now.",
					now);
		}
		List<ModelStatus> chain;
		try {
			chain = this.client.models();
		}
		catch (AgentClientException ex) {
			return AgentStatus.unavailable(describe(ex), now);
		}
		return fromChain(chain, now);
	}

	/**
	 * The status a failover chain means. The preferred model (the first) serves unless
	 * its circuit is open or half-open or its latest call failed or was too slow
	 * ({@link ModelStatus#isServing()}); then the agent is degraded, and the detail names
	 * the model that answers in its place and why the preferred one does not.
	 * @param chain the agent's failover chain, in order
	 * @param now when it was checked
	 * @return the status
	 */
	static AgentStatus fromChain(List<ModelStatus> chain, Instant now) {
		if (chain == null || chain.isEmpty()) {
			return new AgentStatus(AgentStatus.State.HEALTHY, null, "The assistant is ready.", now);
		}
		ModelStatus preferred = chain.get(0);
		if (preferred.isServing()) {
			return new AgentStatus(AgentStatus.State.HEALTHY, preferred.name(), "The assistant is ready.", now);
		}
		ModelStatus answering = first(chain, ModelStatus::isServing);
		if (answering == null) {
			// Nobody serves cleanly: the chain tries its closed circuits first, then the
			// half-open ones.
			answering = first(chain, (model) -> model.state() == CircuitState.CLOSED);
		}
		if (answering == null) {
			answering = first(chain, (model) -> model.state() == CircuitState.HALF_OPEN);
		}
		if (answering == null) {
			return AgentStatus.unavailable("Every model of the assistant is failing; it retries them by itself.", now);
		}
		String detail;
		if (answering == preferred) {
			detail = (preferred.state() == CircuitState.HALF_OPEN)
					? preferred.name() + " is recovering; the assistant is testing it with a few requests."
					: preferred.name() + " is failing" + reason(preferred)
							+ ", and no other model can stand in; the assistant keeps trying it.";
		}
		else {
			detail = preferred.name() + " is failing" + reason(preferred) + ", so " + answering.name()
					+ " answers in its place until it recovers.";
		}
		return new AgentStatus(AgentStatus.State.DEGRADED, answering.name(), detail, now);
	}

	private static ModelStatus first(List<ModelStatus> chain, Predicate<ModelStatus> condition) {
		for (ModelStatus model : chain) {
			if (condition.test(model)) {
				return model;
			}
		}
		return null;
	}

	/**
	 * The model's last error in parentheses, when it is a sentence for people: an error
	 * that names a Java class (an older agent, a proxy) or is unreasonably long is left
	 * out rather than shown.
	 */
	private static String reason(ModelStatus model) {
		String error = model.lastError();
		if (error == null) {
			return "";
		}
		error = error.strip().replaceAll("\\p{Cntrl}+", " ");
		while (error.endsWith(".")) {
			error = error.substring(0, error.length() - 1).strip();
		}
		if (error.isEmpty() || error.length() > MAX_REASON_LENGTH || CLASS_NAME.matcher(error).find()) {
			return "";
		}
		return " (" + error + ")";
	}

	private static String describe(AgentClientException ex) {
		if (ex instanceof AgentUnauthorizedException) {
			logger.error(
					"The agent refused the frontend's credentials (HTTP {}); "
							+ "set project51.frontend.agent.api-token (or AGENT_API_TOKEN) to the agent's token",
					ex.status());
			return "The assistant refused this site's credentials; an operator needs to check the agent token.";
		}
		logger.debug("Agent status check failed: {}", ex.toString());
		return "The assistant can't be reached right now.";
	}

	private record State(AgentStatus.State state, String model) {
	}

}
