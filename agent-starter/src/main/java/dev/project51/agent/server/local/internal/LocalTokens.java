package dev.project51.agent.server.local.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;

/**
 * The local model's tokens: a token is a word (a run of non-white-space) with the white
 * space before it. The local model streams its answers in these tokens and reports its
 * usage in them; the OpenAI-compatible API counts in them for a model that reports no
 * usage. A tool call counts one token besides the tokens of its arguments.
 */
public final class LocalTokens {

	private static final Pattern TOKEN = Pattern.compile("\\s*\\S+");

	private LocalTokens() {
	}

	/**
	 * Splits a text into the pieces the local model streams: its tokens, then the white
	 * space after the last word if there is any, so the pieces concatenate to the text.
	 * @param text the text
	 * @return the pieces
	 */
	public static List<String> split(String text) {
		List<String> pieces = new ArrayList<>();
		Matcher matcher = TOKEN.matcher(text);
		int end = 0;
		while (matcher.find()) {
			pieces.add(matcher.group());
			end = matcher.end();
		}
		if (end < text.length()) {
			pieces.add(text.substring(end));
		}
		return pieces;
	}

	/**
	 * The tokens of a text.
	 * @param text the text, or {@code null}
	 * @return the number of its words
	 */
	public static int count(String text) {
		if (text == null) {
			return 0;
		}
		int count = 0;
		Matcher matcher = TOKEN.matcher(text);
		while (matcher.find()) {
			count++;
		}
		return count;
	}

	/**
	 * The tokens of a message: the words of its text (of each text part of a user
	 * message), and of an answer's tool calls one each besides their arguments' words.
	 * @param message the message
	 * @return the count
	 */
	public static int count(ChatMessage message) {
		if (message instanceof SystemMessage system) {
			return count(system.text());
		}
		if (message instanceof UserMessage user) {
			int count = 0;
			for (Content content : user.contents()) {
				if (content instanceof TextContent part) {
					count += count(part.text());
				}
			}
			return count;
		}
		if (message instanceof AiMessage ai) {
			return count(ai.text()) + (ai.hasToolExecutionRequests() ? countToolCalls(ai.toolExecutionRequests()) : 0);
		}
		if (message instanceof ToolExecutionResultMessage result) {
			return count(result.text());
		}
		return 0;
	}

	/**
	 * The tokens of tool calls: one each besides their arguments' words.
	 * @param calls the calls
	 * @return the count
	 */
	public static int countToolCalls(List<ToolExecutionRequest> calls) {
		int count = 0;
		for (ToolExecutionRequest call : calls) {
			count += 1 + count(call.arguments());
		}
		return count;
	}

}
