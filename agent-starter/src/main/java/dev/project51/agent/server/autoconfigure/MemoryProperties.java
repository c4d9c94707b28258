package dev.project51.agent.server.autoconfigure;

/**
 * Where conversations are stored ({@code project51.agent.memory.*}), part of
 * {@link AgentProperties}.
 *
 * @since 0.1.0
 */
public class MemoryProperties {

	/**
	 * Path of the embedded H2 database file used when spring.datasource.url is not set
	 * (relative to the working directory).
	 */
	private String path = "./.project51/agent-db";

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

}
