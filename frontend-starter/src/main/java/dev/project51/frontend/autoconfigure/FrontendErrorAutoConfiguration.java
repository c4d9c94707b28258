package dev.project51.frontend.autoconfigure;

import dev.project51.frontend.security.internal.ApiProblemFilter;
import dev.project51.server.internal.http.ProblemErrorController;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The frontend's error page: {@code /error} answers problems with the error's real status
 * ({@link ProblemErrorController} with the frontend's problems) instead of Spring Boot's
 * page, which it replaces; so it comes before Spring Boot's error auto-configuration, and
 * backs off when the application has an error controller of its own.
 *
 * @since 0.1.0
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBooleanProperty(name = FrontendProperties.PREFIX + ".enabled", matchIfMissing = true)
public final class FrontendErrorAutoConfiguration {

	FrontendErrorAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(ErrorController.class)
	ProblemErrorController project51ErrorController() {
		return new ProblemErrorController(ApiProblemFilter.answers());
	}

}
