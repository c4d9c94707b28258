package dev.project51.testsupport.providers;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;

/**
 * Records what a LangChain4j streaming model reports: every token, the complete response,
 * the error. Can cancel the stream after a number of tokens, as a client that gives up.
 */
final class StreamRecorder implements StreamingChatResponseHandler {

	private final List<String> tokens = new CopyOnWriteArrayList<>();

	private final List<String> callbacks = new CopyOnWriteArrayList<>();

	private final CompletableFuture<ChatResponse> complete = new CompletableFuture<>();

	private final CompletableFuture<Throwable> error = new CompletableFuture<>();

	private final CompletableFuture<Integer> firstToken = new CompletableFuture<>();

	private final int cancelAfter;

	private StreamRecorder(int cancelAfter) {
		this.cancelAfter = cancelAfter;
	}

	static StreamRecorder stream(StreamingChatModel model, String message) {
		return stream(model, message, -1);
	}

	/**
	 * Starts a stream that the client cancels after that many tokens.
	 */
	static StreamRecorder stream(StreamingChatModel model, String message, int cancelAfter) {
		StreamRecorder recorder = new StreamRecorder(cancelAfter);
		model.chat(message, recorder);
		return recorder;
	}

	@Override
	public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
		this.tokens.add(partialResponse.text());
		callback("token");
		this.firstToken.complete(this.tokens.size());
		if (this.tokens.size() == this.cancelAfter) {
			context.streamingHandle().cancel();
		}
	}

	@Override
	public void onCompleteResponse(ChatResponse completeResponse) {
		callback("complete");
		this.complete.complete(completeResponse);
	}

	@Override
	public void onError(Throwable error) {
		callback("error");
		this.error.complete(error);
	}

	List<String> tokens() {
		return List.copyOf(this.tokens);
	}

	/**
	 * The callbacks in the order they came: {@code token}, {@code complete},
	 * {@code error}.
	 */
	List<String> callbacks() {
		return List.copyOf(this.callbacks);
	}

	boolean ended() {
		return this.complete.isDone() || this.error.isDone();
	}

	ChatResponse awaitComplete() {
		return await(this.complete, "onCompleteResponse");
	}

	Throwable awaitError() {
		return await(this.error, "onError");
	}

	void awaitFirstToken() {
		await(this.firstToken, "a first token");
	}

	/**
	 * Waits for the complete response or an error, whichever comes first.
	 */
	void awaitEnd() {
		await(CompletableFuture.anyOf(this.complete, this.error), "the end of the stream");
	}

	private <T> T await(CompletableFuture<T> future, String what) {
		try {
			return future.get(Clients.GENEROUS.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new AssertionError("No " + what + " within " + Clients.GENEROUS + "; callbacks: " + this.callbacks,
					ex);
		}
		catch (ExecutionException ex) {
			throw new AssertionError(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/**
	 * Whether the stream reports nothing more (no token, no end) for a while: for faults
	 * a client does not notice. A functional limit, not a timing measurement.
	 */
	synchronized boolean nothingMoreFor(Duration duration) {
		int seen = this.callbacks.size();
		long deadline = System.nanoTime() + duration.toNanos();
		while (this.callbacks.size() == seen) {
			long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
			if (left <= 0) {
				return true;
			}
			try {
				wait(left);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
		return false;
	}

	private synchronized void callback(String name) {
		this.callbacks.add(name);
		notifyAll();
	}

}
