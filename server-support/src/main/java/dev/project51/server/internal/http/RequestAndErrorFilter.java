package dev.project51.server.internal.http;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A filter of each request and of its error dispatch (an error page may follow a response
 * reset, or an error the container raised before any filter ran), but not of its
 * asynchronous dispatches: the request was filtered when it was first dispatched.
 */
public abstract class RequestAndErrorFilter extends OncePerRequestFilter {

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return true;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

}
