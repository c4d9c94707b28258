package dev.project51.reliability.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.project51.agent.client.AgentClient;
import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.Conversation;
import dev.project51.agent.contract.ConversationMessage;
import dev.project51.agent.contract.Role;

/**
 * Checks acknowledged messages against what the agent has stored.
 */
public final class Transcripts {

	private Transcripts() {
	}

	/**
	 * Finds the acknowledged messages the agent no longer has: for each one, its stored
	 * conversation must hold the user's message directly followed by the acknowledged
	 * reply.
	 * @param client a client of the agent
	 * @param acknowledged the acknowledged messages
	 * @return a description of each lost message (empty when nothing was lost)
	 */
	public static List<String> lost(AgentClient client, List<ChatLoad.Acknowledged> acknowledged) {
		Map<String, List<ChatLoad.Acknowledged>> byConversation = new LinkedHashMap<>();
		for (ChatLoad.Acknowledged message : acknowledged) {
			byConversation.computeIfAbsent(message.conversationId(), (id) -> new ArrayList<>()).add(message);
		}
		List<String> lost = new ArrayList<>();
		byConversation.forEach((conversationId, messages) -> {
			FrontendChat browser = messages.get(0).browser();
			List<ConversationMessage> stored = (browser != null) ? throughFrontend(browser, conversationId)
					: everyPage(client, conversationId);
			for (ChatLoad.Acknowledged message : messages) {
				if (!holds(stored, message)) {
					lost.add(conversationId + ": '" + message.message() + "' acknowledged at " + message.at());
				}
			}
		});
		return lost;
	}

	/**
	 * A conversation the API client started, read backwards page by page.
	 */
	private static List<ConversationMessage> everyPage(AgentClient client, String conversationId) {
		List<ConversationMessage> messages = new ArrayList<>();
		String before = null;
		do {
			Conversation page = client.conversation(conversationId, before, AgentApi.MAX_PAGE_SIZE);
			messages.addAll(0, page.messages());
			before = page.earlier();
		}
		while (before != null);
		return messages;
	}

	/**
	 * A browser's conversation: only that browser's session may read it.
	 */
	private static List<ConversationMessage> throughFrontend(FrontendChat browser, String conversationId) {
		try {
			return browser.transcript(conversationId);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while reading " + conversationId, ex);
		}
	}

	private static boolean holds(List<ConversationMessage> stored, ChatLoad.Acknowledged message) {
		for (int i = 0; i + 1 < stored.size(); i++) {
			ConversationMessage user = stored.get(i);
			ConversationMessage answer = stored.get(i + 1);
			if (user.role() == Role.USER && user.text().equals(message.message()) && answer.role() == Role.ASSISTANT
					&& answer.text().equals(message.reply())) {
				return true;
			}
		}
		return false;
	}

}
