package dev.project51.k8s.manifest;

import dev.project51.k8s.internal.SettingChecks;

/**
 * A reference to one key of a Kubernetes Secret, used to pass secrets to a container as
 * environment variables without putting their values into a manifest.
 *
 * @param secretName the name of the Secret (a DNS label)
 * @param key the key inside the Secret
 * @param optional whether the pod may start without the Secret or key (the variable is
 * then unset)
 * @since 0.1.0
 */
public record SecretKeyRef(String secretName, String key, boolean optional) {

	/**
	 * Validate the reference.
	 * @param secretName the name of the Secret
	 * @param key the key inside the Secret
	 * @param optional whether the Secret or key may be missing
	 */
	public SecretKeyRef {
		SettingChecks.dnsLabel("secretName", secretName);
		SettingChecks.envName("secretKey", key);
	}

	/**
	 * Create a reference to a key that must exist: the pod does not start without it.
	 * @param secretName the name of the Secret
	 * @param key the key inside the Secret
	 */
	public SecretKeyRef(String secretName, String key) {
		this(secretName, key, false);
	}

}
