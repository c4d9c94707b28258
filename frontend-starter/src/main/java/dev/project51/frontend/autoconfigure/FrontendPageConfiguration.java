package dev.project51.frontend.autoconfigure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import dev.project51.frontend.chat.internal.ChatPageController;
import dev.project51.frontend.chat.internal.ChatSettings;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.EncodedResourceResolver;
import org.springframework.web.servlet.resource.ResourceResolverChain;
import org.springframework.web.servlet.resource.ResourceUrlProvider;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * The chat page and its assets (scripts, style sheet, images) served from the jar.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "freemarker.template.Configuration")
class FrontendPageConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ChatPageController chatPageController(ChatSettings chatSettings, ResourceUrlProvider resourceUrlProvider) {
		return new ChatPageController(chatSettings, resourceUrlProvider);
	}

	@Bean
	@ConditionalOnMissingBean(name = "project51FrontendAssets")
	WebMvcConfigurer project51FrontendAssets() {
		return new AssetsConfigurer();
	}

	/**
	 * Serves the page's scripts, style sheet and images from the jar under content-hashed
	 * URLs that browsers may cache for a year, as the brotli or gzip file the build wrote
	 * beside each (minified) asset when the browser accepts it.
	 */
	static final class AssetsConfigurer implements WebMvcConfigurer {

		static final String LOCATION = "classpath:/META-INF/project51/frontend/";

		@Override
		public void addResourceHandlers(ResourceHandlerRegistry registry) {
			registry.addResourceHandler(ChatPageController.ASSETS_PATH + "**")
				.addResourceLocations(LOCATION)
				.setCacheControl(CacheControl.maxAge(365, TimeUnit.DAYS).cachePublic())
				.resourceChain(true)
				.addResolver(new BrotliFirstResourceResolver())
				.addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
		}

	}

	/**
	 * Serves the brotli file whenever the browser accepts brotli. Browsers list gzip
	 * first ({@code gzip, deflate, br, zstd}) and {@link EncodedResourceResolver} takes
	 * the first coding it has a file for, so the request it sees lists {@code br} first.
	 */
	static final class BrotliFirstResourceResolver extends EncodedResourceResolver {

		@Override
		protected Resource resolveResourceInternal(HttpServletRequest request, String requestPath,
				List<? extends Resource> locations, ResourceResolverChain chain) {
			return super.resolveResourceInternal((request != null) ? brotliFirst(request) : null, requestPath,
					locations, chain);
		}

		static HttpServletRequest brotliFirst(HttpServletRequest request) {
			String header = request.getHeader(HttpHeaders.ACCEPT_ENCODING);
			if (header == null || !header.toLowerCase(Locale.ROOT).contains("br")) {
				return request;
			}
			// Like Spring's resolver (and its cache key), this weighs no q-values.
			List<String> codings = new ArrayList<>();
			for (String coding : header.split(",")) {
				String trimmed = coding.strip();
				String name = trimmed.split(";", 2)[0].strip();
				if (name.isEmpty()) {
					continue;
				}
				if ("br".equalsIgnoreCase(name)) {
					codings.add(0, trimmed);
				}
				else {
					codings.add(trimmed);
				}
			}
			String reordered = String.join(", ", codings);
			return new HttpServletRequestWrapper(request) {

				@Override
				public String getHeader(String name) {
					return HttpHeaders.ACCEPT_ENCODING.equalsIgnoreCase(name) ? reordered : super.getHeader(name);
				}

				@Override
				public Enumeration<String> getHeaders(String name) {
					return HttpHeaders.ACCEPT_ENCODING.equalsIgnoreCase(name)
							? Collections.enumeration(List.of(reordered)) : super.getHeaders(name);
				}

			};
		}

	}

}
