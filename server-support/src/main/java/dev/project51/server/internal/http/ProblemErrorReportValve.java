package dev.project51.server.internal.http;

import java.io.IOException;
import java.io.Writer;
import java.util.function.Supplier;

import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import org.apache.catalina.Context;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's error report for requests that it refuses before any application code runs (a
 * malformed request line, header or URI, an encoded {@code /} or NUL in the path, a wrong
 * {@code Content-Length}, an unsupported method, transfer coding or HTTP version): an
 * {@code application/problem+json} body with the contract's {@code invalid-request} type
 * instead of Tomcat's HTML page, never with a stack trace or the server's name. Tomcat's
 * own 5xx answers to such requests ({@code 501} for {@code CONNECT} or an unknown
 * transfer coding, {@code 505} for an HTTP version other than 1.x) describe the client's
 * request, not a fault of the server, and become {@code 405} and {@code 400}.
 * <p>
 * Errors that reach the application are answered by the application; this valve only
 * writes answers that nothing else wrote; the body is {@link ProblemJson}'s. Each server
 * has a subclass with a public no-argument constructor (Tomcat creates error report
 * valves by class name) that names the server.
 */
public abstract class ProblemErrorReportValve extends ErrorReportValve {

	private final String server;

	/**
	 * Creates the valve; it never shows a report or the server's name.
	 * @param server what the server is called in problem details ({@code agent})
	 */
	protected ProblemErrorReportValve(String server) {
		this.server = server;
		setShowReport(false);
		setShowServerInfo(false);
	}

	/**
	 * Makes a valve the error report valve of a context's host, in place of Tomcat's (or
	 * Spring Boot's) HTML one; use it in a Tomcat context customizer.
	 * @param context the context
	 * @param valves creates the server's valve
	 */
	public static void install(Context context, Supplier<? extends ProblemErrorReportValve> valves) {
		if (!(context.getParent() instanceof StandardHost host)) {
			return;
		}
		for (Valve valve : host.getPipeline().getValves()) {
			if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
				host.getPipeline().removeValve(valve);
			}
		}
		ProblemErrorReportValve created = valves.get();
		host.setErrorReportValveClass(created.getClass().getName());
		for (Valve valve : host.getPipeline().getValves()) {
			if (valve instanceof ProblemErrorReportValve) {
				return;
			}
		}
		host.getPipeline().addValve(created);
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.isCommitted() || response.getContentWritten() > 0) {
			return;
		}
		if (status == 501 || status == 505) {
			status = "CONNECT".equals(request.getMethod()) ? 405 : 400;
			response.setStatus(status);
		}
		if (!response.setErrorReported()) {
			return;
		}
		ProblemType type = ProblemType.forStatus(status);
		String detail = (status >= 500) ? "The server failed unexpectedly; the server log has the details."
				: "The request is not valid HTTP/1.1 the " + this.server
						+ " accepts (request line, method, header, URI or body framing) and was refused before it"
						+ " reached the " + this.server + " (HTTP status " + status + ").";
		String body = ProblemJson.body(new ProblemDetail(type.uri(), type.title(), status, detail, null, null, null));
		try {
			response.setContentType(AgentApi.PROBLEM_JSON);
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The connection is gone: nobody reads the answer.
		}
	}

}
