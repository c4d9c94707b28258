package dev.project51.agent.server.failover;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes the models whose circuit is open, in the background, so that no user call ever
 * waits on a failing model and a model serves again as soon as it can: every
 * {@link FailoverPolicy#waitDurationInOpenState()} (or after the wait a provider asked
 * for, if longer) a tiny request goes to the model, and its circuit closes when the first
 * token comes back within the slow-call threshold. Probes of a model that hangs overlap
 * (a probe starts every interval, while at most as many as fit in one first-token budget
 * are in flight), so a hanging probe does not delay the next one; the first token of a
 * probe ends it, which keeps its cost to a few tokens. Probes happen only while a circuit
 * is open.
 */
final class Prober {

	private static final Logger logger = LoggerFactory.getLogger(Prober.class);

	static final ChatRequest PROBE = ChatRequest.builder()
		.messages(UserMessage.from("This is a health check. Reply with the single word OK."))
		.build();

	private final ModelChain chain;

	private final Map<ChainModel, ScheduledFuture<?>> scheduled = new ConcurrentHashMap<>();

	private final Map<ChainModel, AtomicInteger> inFlight = new ConcurrentHashMap<>();

	Prober(ModelChain chain) {
		this.chain = chain;
	}

	/** The model's circuit opened: plan its first probe. */
	void opened(ChainModel model) {
		Instant earliest = this.chain.clock().instant().plus(this.chain.policy().waitDurationInOpenState());
		Instant planned = model.nextProbe();
		Instant next = (planned != null && planned.isAfter(earliest)) ? planned : earliest;
		schedule(model, next);
	}

	/**
	 * Plans the next probe of the model, replacing the planned one. Synchronized on the
	 * model, so that a plan made from a running probe task never races with another.
	 */
	private void schedule(ChainModel model, Instant at) {
		synchronized (model) {
			model.nextProbe(at);
			long delay = Math.max(0, Duration.between(this.chain.clock().instant(), at).toMillis());
			try {
				ScheduledFuture<?> task = this.chain.scheduler()
					.schedule(() -> this.chain.executor().execute(() -> due(model)), delay, TimeUnit.MILLISECONDS);
				ScheduledFuture<?> replaced = this.scheduled.put(model, task);
				if (replaced != null) {
					replaced.cancel(false);
				}
			}
			catch (RejectedExecutionException ex) {
				// the chain is closing
			}
		}
	}

	private void due(ChainModel model) {
		if (model.isAvailable()) {
			return;
		}
		Instant planned = model.nextProbe();
		Instant now = this.chain.clock().instant();
		if (planned != null && planned.isAfter(now.plusMillis(5))) {
			// a provider's Retry-After moved the probe later
			schedule(model, planned);
			return;
		}
		schedule(model, now.plus(this.chain.policy().waitDurationInOpenState()));
		AtomicInteger probes = this.inFlight.computeIfAbsent(model, (m) -> new AtomicInteger());
		if (probes.incrementAndGet() > maxInFlight()) {
			probes.decrementAndGet();
			return;
		}
		long deadline = System.nanoTime() + this.chain.policy().firstTokenTimeout().toNanos();
		new ModelCall(this.chain, model, PROBE, deadline, new Probe(model, probes), AttemptObservations.PROBE, null, 0)
			.start(false);
	}

	private int maxInFlight() {
		FailoverPolicy policy = this.chain.policy();
		long budget = policy.firstTokenTimeout().toMillis();
		long interval = Math.max(1, policy.waitDurationInOpenState().toMillis());
		return (int) Math.min(10, (budget + interval - 1) / interval + 1);
	}

	/** The outcome of one probe. */
	private final class Probe implements ModelCall.Outcome {

		private final ChainModel model;

		private final AtomicInteger probes;

		private final long start = System.nanoTime();

		Probe(ChainModel model, AtomicInteger probes) {
			this.model = model;
			this.probes = probes;
		}

		@Override
		public void token(ModelCall call, String text, boolean first) {
			// The first token is all a probe needs: stop paying for the rest.
			call.abort();
			answered(System.nanoTime() - this.start);
		}

		@Override
		public void succeeded(ModelCall call, ChatResponse response, long firstTokenNanos) {
			answered(firstTokenNanos);
		}

		@Override
		public void failed(ModelCall call, Throwable failure, long nanos, boolean progressed) {
			this.probes.decrementAndGet();
			if (this.model.isAvailable()) {
				// a late probe of a model that another probe already found healthy
				return;
			}
			this.model.recordProbeFailure(failure);
			logger.debug("Probe of model '{}' failed: {}", this.model.name(), this.model.lastError());
		}

		private void answered(long firstTokenNanos) {
			this.probes.decrementAndGet();
			Duration took = Duration.ofNanos(firstTokenNanos);
			Duration slow = Prober.this.chain.policy().slowCallDurationThreshold();
			if (took.compareTo(slow) > 0 && !this.model.isAvailable()) {
				this.model.recordProbeFailure(new SlowProbeException(took, slow));
				logger.debug("Probe of model '{}' answered too slowly ({})", this.model.name(), Failures.seconds(took));
				return;
			}
			if (!this.model.isAvailable()) {
				this.model.recordRecovered();
				logger.info("Model '{}' answers again (a probe's first token came after {}); it takes calls again",
						this.model.name(), Failures.seconds(took));
			}
		}

	}

	/** A probe answered, but later than the slow-call threshold. */
	static final class SlowProbeException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		SlowProbeException(Duration took, Duration threshold) {
			super("slow: first token after " + Failures.seconds(took) + " (slow above " + Failures.seconds(threshold)
					+ ")", null, false, false);
		}

	}

}
