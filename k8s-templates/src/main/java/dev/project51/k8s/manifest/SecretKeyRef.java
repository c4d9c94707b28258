package dev.project51.k8s.manifest;

import dev.project51.k8s.internal.SettingChecks;

/**
 * A reference to one key of a Kubernetes Secret, used to pass secrets to a container as
 * environment variables without putting their values into a manifest.
 *
 * @param secretName the name of the Secret (a DNS label)
 * @param key the key inside the Secret
 * @since 0.1.0
 */
public record SecretKeyRef(String secretName, String key) {

	/**
	 * Validate the reference.
	 * @param secretName the name of the Secret
	 * @param key the key inside the Secret
	 */
	public SecretKeyRef {
		SettingChecks.dnsLabel("secretName", secretName);
		SettingChecks.envName("secretKey", key);
	}

}
