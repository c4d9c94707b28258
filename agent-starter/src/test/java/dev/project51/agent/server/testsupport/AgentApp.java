package dev.project51.agent.server.testsupport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.project51.agent.testapp.TestAgentApplication;
import dev.project51.testsupport.providers.FakeProvider;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An agent application started over real HTTP on a random port, offline (local model, no
 * token delay), with its H2 database in a given directory.
 */
public final class AgentApp implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private AgentApp(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts an agent.
	 * @param dataDirectory where the H2 database lives
	 * @param extraSources additional configuration classes (e.g. tool beans)
	 * @param properties additional {@code key=value} properties
	 * @return the running agent
	 */
	public static AgentApp start(Path dataDirectory, List<Class<?>> extraSources, String... properties) {
		List<String> all = new ArrayList<>(List.of("server.port=0",
				"project51.agent.memory.path=" + dataDirectory.resolve("agent-db").toAbsolutePath(),
				"project51.agent.local.token-delay=0ms", "spring.main.banner-mode=off", "logging.level.root=WARN",
				"logging.level.dev.project51=INFO"));
		all.addAll(List.of(properties));
		List<Class<?>> sources = new ArrayList<>();
		sources.add(TestAgentApplication.class);
		sources.add(SharedEmbeddingModel.class);
		sources.addAll(extraSources);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
			.properties(all.toArray(String[]::new))
			.run();
		return new AgentApp(context);
	}

	/**
	 * The properties that make a fake provider the agent's first model, spoken to as
	 * {@code openai-compatible} (the local model stays last in the chain), followed by
	 * more.
	 * @param provider the fake provider
	 * @param name the model's name in the chain, e.g. {@code primary}
	 * @param model the provider's model name, e.g. {@code fake-gpt}
	 * @param more more {@code key=value} properties
	 * @return the properties, for {@link #start}
	 */
	public static String[] firstModel(FakeProvider provider, String name, String model, String... more) {
		List<String> all = new ArrayList<>(List.of("project51.agent.models[0].provider=openai-compatible",
				"project51.agent.models[0].name=" + name, "project51.agent.models[0].model=" + model,
				"project51.agent.models[0].base-url=" + provider.baseUrl()));
		all.addAll(List.of(more));
		return all.toArray(String[]::new);
	}

	/**
	 * The base URL of the agent.
	 * @return e.g. {@code http://127.0.0.1:41234}
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + port();
	}

	/**
	 * The HTTP port.
	 * @return the port
	 */
	public int port() {
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	/**
	 * A bean of the application.
	 * @param <T> the type
	 * @param type the type
	 * @return the bean
	 */
	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	/**
	 * The beans of a type, by name.
	 * @param <T> the type
	 * @param type the type
	 * @return the beans
	 */
	public <T> java.util.Map<String, T> beans(Class<T> type) {
		return this.context.getBeansOfType(type);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
