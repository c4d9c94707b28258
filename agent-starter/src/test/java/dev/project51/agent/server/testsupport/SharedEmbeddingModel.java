package dev.project51.agent.server.testsupport;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.output.Response;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The real all-MiniLM-L6-v2 model, memoized for the whole test JVM so that the several
 * application contexts of the tests embed the knowledge base once. Registered as the
 * application's {@link EmbeddingModel} bean, which the starter's default backs off for.
 */
@Configuration(proxyBeanMethods = false)
public class SharedEmbeddingModel {

	private static final EmbeddingModel INSTANCE = new Memoizing(new AllMiniLmL6V2QuantizedEmbeddingModel());

	@Bean
	EmbeddingModel memoizedEmbeddingModel() {
		return INSTANCE;
	}

	private static final class Memoizing implements EmbeddingModel {

		private final EmbeddingModel delegate;

		private final Map<String, Embedding> embeddings = new ConcurrentHashMap<>();

		Memoizing(EmbeddingModel delegate) {
			this.delegate = delegate;
		}

		@Override
		public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
			List<TextSegment> missing = segments.stream()
				.filter((segment) -> !this.embeddings.containsKey(segment.text()))
				.toList();
			if (!missing.isEmpty()) {
				List<Embedding> computed = this.delegate.embedAll(missing).content();
				for (int i = 0; i < missing.size(); i++) {
					this.embeddings.put(missing.get(i).text(), computed.get(i));
				}
			}
			return Response.from(segments.stream().map((segment) -> this.embeddings.get(segment.text())).toList());
		}

		@Override
		public int dimension() {
			return this.delegate.dimension();
		}

	}

}
