package dev.project51.agent.server.chat.internal;

import java.util.function.Function;

import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * The answer of both APIs to a streamed turn: an event stream that outlives the turn's
 * own timeout, is kept alive while the model thinks, and cancels the turn when the client
 * goes away or the stream times out.
 */
public final class StreamedTurns {

	private StreamedTurns() {
	}

	/**
	 * Opens an event stream and starts a turn writing to it.
	 * @param chatService the turns (stream timeout, keep-alive)
	 * @param start starts the turn with a listener writing to the given events
	 * @return the response streaming the events
	 */
	public static ResponseEntity<ResponseBodyEmitter> respond(ChatService chatService,
			Function<SseEvents, ChatTurn> start) {
		ResponseBodyEmitter emitter = new ResponseBodyEmitter(
				chatService.settings().streamTimeout().toMillis() + 10_000);
		SseEvents events = new SseEvents(emitter);
		events.open();
		ChatTurn turn = start.apply(events);
		emitter.onTimeout(turn::cancel);
		emitter.onError((ex) -> turn.cancel());
		chatService.keepAlive(events, turn);
		return ResponseEntity.ok()
			.contentType(SseEvents.EVENT_STREAM)
			.header("Cache-Control", "no-cache")
			.header("X-Accel-Buffering", "no")
			.body(emitter);
	}

}
