package dev.project51.server.internal.http;

import java.util.EnumSet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;

/**
 * Registers a server's servlet filters: each at its place in the chain, counted from
 * {@link Ordered#HIGHEST_PRECEDENCE} (Spring Boot's HTTP observation filter, which starts
 * the request's span, is at place 1).
 */
public final class FilterRegistrations {

	private FilterRegistrations() {
	}

	/**
	 * A filter of the requests (not of the error dispatch) to the given paths.
	 * @param <F> the filter's type
	 * @param filter the filter
	 * @param place its place in the chain
	 * @param urlPatterns the paths it filters, e.g. {@code /*}
	 * @return the registration
	 */
	public static <F extends Filter> FilterRegistrationBean<F> requests(F filter, int place, String... urlPatterns) {
		return register(filter, place, EnumSet.of(DispatcherType.REQUEST), urlPatterns);
	}

	/**
	 * A filter of the requests and of the error dispatch, so that error answers pass
	 * through it too.
	 * @param <F> the filter's type
	 * @param filter the filter
	 * @param place its place in the chain
	 * @param urlPatterns the paths it filters, e.g. {@code /*}
	 * @return the registration
	 */
	public static <F extends Filter> FilterRegistrationBean<F> requestsAndErrors(F filter, int place,
			String... urlPatterns) {
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
