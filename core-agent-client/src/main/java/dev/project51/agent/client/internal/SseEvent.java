package dev.project51.agent.client.internal;

/**
 * One dispatched server-sent event.
 *
 * @param name the event type ({@code message} when the stream gave none)
 * @param data the data lines joined with {@code \n}
 * @param id the last event id seen, or {@code null}
 */
public record SseEvent(String name, String data, String id) {

}
