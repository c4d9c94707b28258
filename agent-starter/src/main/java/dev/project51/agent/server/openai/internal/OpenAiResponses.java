package dev.project51.agent.server.openai.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.project51.agent.contract.ChatReply;
import dev.project51.agent.contract.Citation;
import dev.project51.agent.server.chat.internal.OnceReply;
import dev.project51.agent.server.chat.internal.TurnOutcome;
import dev.project51.agent.server.local.internal.LocalTokens;

/**
 * The parts of OpenAI's chat completion answers: the whole completion, tool calls, finish
 * reasons, token usage and the agent's extras ({@code project51}).
 */
final class OpenAiResponses {

	private OpenAiResponses() {
	}

	static Map<String, Object> completion(String id, long created, OnceReply once, int promptTokens) {
		ChatReply reply = once.reply();
		TurnOutcome outcome = once.outcome();
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("role", "assistant");
		boolean toolCalls = !outcome.toolCalls().isEmpty();
		message.put("content", (toolCalls && reply.reply().isEmpty()) ? null : reply.reply());
		message.put("refusal", null);
		if (toolCalls) {
			message.put("tool_calls", toolCalls(outcome.toolCalls(), false));
		}
		Map<String, Object> choice = new LinkedHashMap<>();
		choice.put("index", 0);
		choice.put("message", message);
		choice.put("logprobs", null);
		choice.put("finish_reason", finishReason(outcome));
		Map<String, Object> completion = new LinkedHashMap<>();
		completion.put("id", id);
		completion.put("object", "chat.completion");
		completion.put("created", created);
		completion.put("model", reply.model());
		completion.put("choices", List.of(choice));
		completion.put("usage", usage(outcome, promptTokens, reply.reply()));
		completion.put("system_fingerprint", null);
		completion.put("project51", extras(reply.degraded(), reply.citations()));
		return completion;
	}

	static List<Map<String, Object>> toolCalls(List<ToolExecutionRequest> calls, boolean delta) {
		List<Map<String, Object>> list = new ArrayList<>();
		for (int i = 0; i < calls.size(); i++) {
			ToolExecutionRequest call = calls.get(i);
			Map<String, Object> function = new LinkedHashMap<>();
			function.put("name", call.name());
			function.put("arguments", (call.arguments() != null) ? call.arguments() : "{}");
			Map<String, Object> entry = new LinkedHashMap<>();
			if (delta) {
				entry.put("index", i);
			}
			entry.put("id", (call.id() != null) ? call.id() : "call_" + UUID.randomUUID().toString().replace("-", ""));
			entry.put("type", "function");
			entry.put("function", function);
			list.add(entry);
		}
		return list;
	}

	static String finishReason(TurnOutcome outcome) {
		if (!outcome.toolCalls().isEmpty()) {
			return "tool_calls";
		}
		FinishReason reason = outcome.finishReason();
		if (reason == FinishReason.LENGTH) {
			return "length";
		}
		if (reason == FinishReason.CONTENT_FILTER) {
			return "content_filter";
		}
		return "stop";
	}

	/**
	 * The usage of an answer: the model's counts where it gave them, else the local
	 * model's own count ({@link LocalTokens}).
	 */
	static Map<String, Object> usage(TurnOutcome outcome, int promptTokens, String text) {
		TokenUsage usage = outcome.usage();
		int prompt = (usage != null && usage.inputTokenCount() != null && usage.inputTokenCount() > 0)
				? usage.inputTokenCount() : promptTokens;
		int completion;
		if (usage != null && usage.outputTokenCount() != null) {
			completion = usage.outputTokenCount();
		}
		else {
			completion = LocalTokens.count(text) + LocalTokens.countToolCalls(outcome.toolCalls());
		}
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("prompt_tokens", prompt);
		map.put("completion_tokens", completion);
		map.put("total_tokens", prompt + completion);
		return map;
	}

	static int promptTokens(OpenAiRequest request) {
		List<ChatMessage> messages = request.direct() ? request.messages() : request.history();
		return LocalTokens.count(request.systemText()) + messages.stream().mapToInt(LocalTokens::count).sum()
				+ (request.direct() ? 0 : LocalTokens.count(request.message()));
	}

	static Map<String, Object> extras(boolean degraded, List<Citation> citations) {
		Map<String, Object> extras = new LinkedHashMap<>();
		extras.put("degraded", degraded);
		extras.put("citations", citations);
		return extras;
	}

}
