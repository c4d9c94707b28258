package dev.project51.frontend.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.project51.frontend.security.internal.SecurityHeaders;
import dev.project51.server.internal.env.PropertyErrors;
import dev.project51.server.internal.security.AllowedHosts;

/**
 * Browser security of the frontend.
 */
public class FrontendSecurityProperties {

	/**
	 * Whether to add the security headers (Content-Security-Policy,
	 * X-Content-Type-Options, Referrer-Policy, Permissions-Policy, X-Frame-Options,
	 * Cross-Origin-Opener-Policy) to every response.
	 */
	private boolean headersEnabled = true;

	/**
	 * Content-Security-Policy of every response. The page needs only 'self' for scripts,
	 * styles and connections.
	 */
	private String contentSecurityPolicy = SecurityHeaders.DEFAULT_CONTENT_SECURITY_POLICY;

	/**
	 * Origins, besides the page's own, whose pages may post messages, e.g.
	 * https://chat.example.com when a proxy rewrites the Host header. Requests from any
	 * other site are refused.
	 */
	private List<String> allowedOrigins = new ArrayList<>();

	/**
	 * Host names the frontend answers to in the Host header, against DNS rebinding,
	 * besides those always allowed: localhost and names under .localhost, and IP
	 * addresses. A name such as chat.example.com, a pattern such as *.example.com (names
	 * under it), or * for any host. The health endpoint and its groups answer any host.
	 */
	private List<String> allowedHosts = new ArrayList<>();

	public List<String> getAllowedHosts() {
		return this.allowedHosts;
	}

	public void setAllowedHosts(List<String> allowedHosts) {
		this.allowedHosts = allowedHosts;
	}

	public boolean isHeadersEnabled() {
		return this.headersEnabled;
	}

	public void setHeadersEnabled(boolean headersEnabled) {
		this.headersEnabled = headersEnabled;
	}

	public String getContentSecurityPolicy() {
		return this.contentSecurityPolicy;
	}

	public void setContentSecurityPolicy(String contentSecurityPolicy) {
		this.contentSecurityPolicy = contentSecurityPolicy;
	}

	public List<String> getAllowedOrigins() {
		return this.allowedOrigins;
	}

	public void setAllowedOrigins(List<String> allowedOrigins) {
		this.allowedOrigins = allowedOrigins;
	}

	void validate(PropertyErrors problems) {
		if (this.headersEnabled) {
			problems.notBlank("security.contentSecurityPolicy", this.contentSecurityPolicy,
					"Remove the property to use the default policy.");
		}
		if (this.contentSecurityPolicy != null
				&& (this.contentSecurityPolicy.indexOf('\n') >= 0 || this.contentSecurityPolicy.indexOf('\r') >= 0)) {
			problems.reject("security.contentSecurityPolicy", "header",
					"must be one line, but contains a line break. Separate directives with ';'.");
		}
		AllowedHosts.validate(problems, "security.allowedHosts", this.allowedHosts);
		if (this.allowedOrigins != null) {
			for (int i = 0; i < this.allowedOrigins.size(); i++) {
				String origin = this.allowedOrigins.get(i);
				if (!SecurityHeaders.isOrigin(origin)) {
					problems.reject("security.allowedOrigins[" + i + "]", "origin",
							"must be an origin such as https://chat.example.com (scheme, host and optional port, no "
									+ "path), but was '" + origin + "'.");
				}
			}
		}
	}

}
