package dev.project51.frontend.security.internal;

import dev.project51.server.internal.http.ProblemErrorReportValve;

/**
 * The frontend's {@link ProblemErrorReportValve}: problems name the frontend.
 *
 * @since 0.1.0
 */
public class FrontendErrorReportValve extends ProblemErrorReportValve {

	/**
	 * Creates the valve (Tomcat creates it by class name, too).
	 */
	public FrontendErrorReportValve() {
		super("frontend");
	}

}
