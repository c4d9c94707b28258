package dev.project51.server.internal.http;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The path of a request within the application as the servlet container mapped it:
 * decoded, with dot segments and repeated slashes removed and without path parameters, so
 * that {@code /api;x/…} or {@code /%61pi/…} count as {@code /api/…}; an error dispatch
 * keeps the path of the request that failed.
 */
public final class RequestPaths {

	private static final String PATH_ATTRIBUTE = RequestPaths.class.getName() + ".path";

	private RequestPaths() {
	}

	/**
	 * Remembers the path of a request, so that its error dispatch (whose path is the
	 * error page's) still counts as a request of the path it was sent to.
	 * @param request the request
	 */
	public static void remember(HttpServletRequest request) {
		request.setAttribute(PATH_ATTRIBUTE, of(request));
	}

	/**
	 * The request's path as the container mapped it, or the one remembered for it.
	 * @param request the request
	 * @return the path, e.g. {@code /api/v1/models}
	 */
	public static String of(HttpServletRequest request) {
		if (request.getAttribute(PATH_ATTRIBUTE) instanceof String path) {
			return path;
		}
		if (request.getDispatcherType() == DispatcherType.ERROR
				&& request.getAttribute(RequestDispatcher.FORWARD_SERVLET_PATH) instanceof String servletPath) {
			// An error the container raised before any filter ran (e.g. TRACE)
			Object pathInfo = request.getAttribute(RequestDispatcher.FORWARD_PATH_INFO);
			return servletPath + ((pathInfo != null) ? pathInfo : "");
		}
		String servletPath = request.getServletPath();
		String pathInfo = request.getPathInfo();
		return ((servletPath != null) ? servletPath : "") + ((pathInfo != null) ? pathInfo : "");
	}

	/**
	 * The request's URI as the client sent it, also during its error dispatch: what a
	 * problem names as its {@code instance}.
	 * @param request the request
	 * @return the URI, e.g. {@code /api/v1/models}
	 */
	public static String uri(HttpServletRequest request) {
		return (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) ? uri
				: request.getRequestURI();
	}

}
