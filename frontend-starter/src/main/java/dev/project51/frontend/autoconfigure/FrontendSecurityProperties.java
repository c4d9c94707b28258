package dev.project51.frontend.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.project51.frontend.security.internal.SecurityHeaders;
import dev.project51.server.internal.security.AllowedHosts;

import org.springframework.validation.Errors;

import static dev.project51.frontend.autoconfigure.FrontendProperties.property;
import static dev.project51.frontend.autoconfigure.FrontendProperties.requireText;

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

	void validate(Errors errors) {
		if (this.headersEnabled) {
			requireText(errors, "security.contentSecurityPolicy", this.contentSecurityPolicy,
					"Remove the property to use the default policy.");
		}
		if (this.contentSecurityPolicy != null
				&& (this.contentSecurityPolicy.indexOf('\n') >= 0 || this.contentSecurityPolicy.indexOf('\r') >= 0)) {
			errors.rejectValue("security.contentSecurityPolicy", "header", property("security.content-security-policy")
					+ " must be one line, but contains a line break. Separate directives with ';'.");
		}
		if (this.allowedHosts != null) {
			for (int i = 0; i < this.allowedHosts.size(); i++) {
				String reason = AllowedHosts.invalid(this.allowedHosts.get(i));
				if (reason != null) {
					errors.rejectValue("security.allowedHosts[" + i + "]", "invalid", property("security.allowed-hosts")
							+ "[" + i + "] must be a host name, but was '" + this.allowedHosts.get(i) + "': " + reason);
				}
			}
		}
		if (this.allowedOrigins != null) {
			for (int i = 0; i < this.allowedOrigins.size(); i++) {
				String origin = this.allowedOrigins.get(i);
				if (!SecurityHeaders.isOrigin(origin)) {
					errors.rejectValue("security.allowedOrigins[" + i + "]", "origin",
							property("security.allowed-origins") + "[" + i
									+ "] must be an origin such as https://chat.example.com (scheme, host and "
									+ "optional port, no path), but was '" + origin + "'.");
				}
			}
		}
	}

}
