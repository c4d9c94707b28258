package dev.project51.frontend.autoconfigure;

import java.util.EnumSet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;

/**
 * Registers the frontend's servlet filters: each at its place in the chain, counted from
 * {@link Ordered#HIGHEST_PRECEDENCE}.
 */
final class FilterRegistrations {

	private FilterRegistrations() {
	}

	/**
	 * A filter of the requests (not of the error dispatch) to the given paths.
	 */
	static <F extends Filter> FilterRegistrationBean<F> requests(F filter, int place, String... urlPatterns) {
		return register(filter, place, EnumSet.of(DispatcherType.REQUEST), urlPatterns);
	}

	/**
	 * A filter of the requests and of the error dispatch, so that error answers pass
	 * through it too.
	 */
	static <F extends Filter> FilterRegistrationBean<F> requestsAndErrors(F filter, int place, String... urlPatterns) {
		return register(filter, place, EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR), urlPatterns);
	}

	private static <F extends Filter> FilterRegistrationBean<F> register(F filter, int place,
			EnumSet<DispatcherType> dispatcherTypes, String... urlPatterns) {
		FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
		registration.addUrlPatterns(urlPatterns);
		registration.setDispatcherTypes(dispatcherTypes);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + place);
		return registration;
	}

}
