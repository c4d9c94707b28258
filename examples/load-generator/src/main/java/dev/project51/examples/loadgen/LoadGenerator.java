package dev.project51.examples.loadgen;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.project51.agent.client.AgentClient;
import dev.project51.agent.client.CircuitBreakerPolicy;
import dev.project51.agent.client.RetryPolicy;
import dev.project51.examples.cli.UsageException;
import dev.project51.examples.loadgen.report.MarkdownReport;
import dev.project51.examples.loadgen.report.ResultsTable;
import dev.project51.examples.loadgen.report.ThreadsTable;

/**
 * A load generator for a Project51 agent and its frontend:
 * {@code java -jar load-generator.jar [options]}. See {@code --help}, or the module's
 * README.
 */
public final class LoadGenerator {

	static final int OK = 0;

	static final int FAILED = 1;

	static final int USAGE = 2;

	/**
	 * How long the JDK client keeps an idle connection, in seconds: less than the 60 s
	 * after which both apps close one ({@code server.tomcat.keep-alive-timeout}). With
	 * the JDK's 20 minutes, a connection left idle by priming at high concurrency was
	 * reused just as the server closed it, and its {@code POST} failed ("HTTP/1.1 header
	 * parser received no bytes"; the JDK retries only idempotent requests).
	 */
	private static final String KEEP_ALIVE_SECONDS = "30";

	private LoadGenerator() {
	}

	/**
	 * Runs the load and exits with its status.
	 * @param args the command line
	 */
	public static void main(String[] args) {
		if (System.getProperty("jdk.httpclient.keepalive.timeout") == null) {
			System.setProperty("jdk.httpclient.keepalive.timeout", KEEP_ALIVE_SECONDS);
		}
		System.exit(run(List.of(args), System.getenv(), System.out, System.err));
	}

	/**
	 * Runs the load.
	 * @param args the command line
	 * @param environment the environment variables
	 * @param out where the report goes without {@code --report}
	 * @param err where progress and errors go
	 * @return the exit status: {@value #OK}, {@value #FAILED} or {@value #USAGE}
	 */
	static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
		Options options;
		try {
			options = Options.parse(args, environment);
		}
		catch (UsageException ex) {
			ex.print("load-generator", err);
			return USAGE;
		}
		if (options.help()) {
			out.print(Options.usage());
			return OK;
		}
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.build();
		try (AgentClient agent = AgentClient.builder()
			.baseUrl(options.agentUrl())
			.apiToken(options.apiToken())
			.userAgent("project51-load-generator")
			.retryPolicy(RetryPolicy.disabled())
			.circuitBreaker(CircuitBreakerPolicy.disabled())
			.build()) {
			Benchmark benchmark = new Benchmark(options, agent, http, err);
			benchmark.checkReady();
			ResultsTable results = (options.results() != null)
					? new ResultsTable(options.watch().keySet(), Benchmark.cpuProcesses(options).keySet()) : null;
			ThreadsTable threads = (options.threads() != null) ? new ThreadsTable() : null;
			MarkdownReport report = benchmark.run(results, threads);
			String markdown = report.render();
			if (results != null) {
				write(options.results(), results.render(), "results");
			}
			if (threads != null) {
				write(options.threads(), threads.render(), "threads table");
			}
			if (options.report() != null) {
				write(options.report(), markdown, "report");
				err.println("load-generator: report written to " + options.report());
			}
			else {
				out.print(markdown);
			}
			return OK;
		}
		catch (Benchmark.NotReadyException ex) {
			err.println("load-generator: " + ex.getMessage());
			return FAILED;
		}
		catch (UncheckedIOException ex) {
			err.println("load-generator: " + ex.getMessage());
			return FAILED;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			err.println("load-generator: interrupted");
			return FAILED;
		}
	}

	/**
	 * Writes one of the run's files.
	 * @throws UncheckedIOException naming the file and what it is
	 */
	private static void write(Path file, String text, String what) {
		try {
			Files.writeString(file, text, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the " + what + " to " + file + ": " + ex, ex);
		}
	}

}
