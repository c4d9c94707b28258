package dev.project51.agent.server.knowledge.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.langchain4j.data.embedding.Embedding;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RecentEmbeddingsTests {

	private final List<String> modelCalls = new ArrayList<>();

	private final Function<String, Embedding> model = (text) -> {
		this.modelCalls.add(text);
		return Embedding.from(new float[] { text.length(), this.modelCalls.size() });
	};

	@Test
	void aTextEmbeddedAgainDoesNotRunTheModelAgain() {
		RecentEmbeddings recent = new RecentEmbeddings(4);
		Embedding first = recent.embed("How do I roll back?", this.model);
		Embedding second = recent.embed("How do I roll back?", this.model);
		assertThat(this.modelCalls).containsExactly("How do I roll back?");
		assertThat(second.vector()).containsExactly(first.vector());
	}

	@Test
	void eachCallerGetsItsOwnVector() {
		RecentEmbeddings recent = new RecentEmbeddings(4);
		recent.embed("question", this.model).vector()[0] = -1;
		Embedding again = recent.embed("question", this.model);
		again.vector()[1] = -1;
		assertThat(recent.embed("question", this.model).vector()).containsExactly(8f, 1f);
	}

	@Test
	void theLeastRecentlyUsedTextIsForgottenFirst() {
		RecentEmbeddings recent = new RecentEmbeddings(2);
		recent.embed("a", this.model);
		recent.embed("b", this.model);
		recent.embed("a", this.model);
		recent.embed("c", this.model);
		recent.embed("a", this.model);
		recent.embed("b", this.model);
		assertThat(this.modelCalls).containsExactly("a", "b", "c", "b");
	}

	@Test
	void aTextLongerThanAMessageIsNotKept() {
		RecentEmbeddings recent = new RecentEmbeddings(4);
		String longText = "x".repeat(RecentEmbeddings.MAX_TEXT_LENGTH + 1);
		recent.embed(longText, this.model);
		recent.embed(longText, this.model);
		assertThat(this.modelCalls).hasSize(2);
	}

	@Test
	void aFailedEmbeddingIsNotKept() {
		RecentEmbeddings recent = new RecentEmbeddings(4);
		Function<String, Embedding> failing = (text) -> {
			throw new IllegalArgumentException("nothing to embed");
		};
		assertThatIllegalArgumentException().isThrownBy(() -> recent.embed("\u200b", failing));
		recent.embed("\u200b", this.model);
		assertThat(this.modelCalls).containsExactly("\u200b");
	}

	@Test
	void rejectsACapacityBelowOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RecentEmbeddings(0))
			.withMessage("capacity must be at least 1, was 0");
	}

}
