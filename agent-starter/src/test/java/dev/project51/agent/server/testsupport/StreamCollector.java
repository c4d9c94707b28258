package dev.project51.agent.server.testsupport;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;

/**
 * Collects what a LangChain4j streaming model reports: each token with the time it came,
 * and the end of the stream as a future (the complete response, or the error). Tests may
 * extend it to keep what else belongs to the stream.
 */
public class StreamCollector implements StreamingChatResponseHandler {

	private final List<String> tokens = new CopyOnWriteArrayList<>();

	private final List<Long> arrivals = new CopyOnWriteArrayList<>();

	private final List<ChatResponse> completions = new CopyOnWriteArrayList<>();

	private final CompletableFuture<ChatResponse> done = new CompletableFuture<>();

	private final CompletableFuture<Throwable> error = new CompletableFuture<>();

	@Override
	public void onPartialResponse(String partialResponse) {
		this.arrivals.add(System.nanoTime());
		this.tokens.add(partialResponse);
	}

	@Override
	public void onCompleteResponse(ChatResponse completeResponse) {
		this.completions.add(completeResponse);
		this.done.complete(completeResponse);
	}

	@Override
	public void onError(Throwable error) {
		this.error.complete(error);
		this.done.completeExceptionally(error);
	}

	/**
	 * The tokens so far, in order.
	 * @return the tokens
	 */
	public List<String> tokens() {
		return List.copyOf(this.tokens);
	}

	/**
	 * The tokens so far, joined.
	 * @return the text
	 */
	public String text() {
		return String.join("", this.tokens);
	}

	/**
	 * When each token came, as {@link System#nanoTime()}.
	 * @return the arrival times, in order
	 */
	public List<Long> arrivals() {
		return List.copyOf(this.arrivals);
	}

	/**
	 * Every complete response reported, also those after an error.
	 * @return the responses
	 */
	public List<ChatResponse> completions() {
		return List.copyOf(this.completions);
	}

	/**
	 * The error, whether or not a complete response came before it.
	 * @return the future of the first error reported
	 */
	public CompletableFuture<Throwable> error() {
		return this.error;
	}

	/**
	 * The end of the stream: completes with the first complete response, or exceptionally
	 * with the error if that came first.
	 * @return the future
	 */
	public CompletableFuture<ChatResponse> done() {
		return this.done;
	}

}
