package dev.project51.infra;

import java.nio.file.Path;

/**
 * Where {@link Synthesizer#synthesize} wrote the stacks.
 *
 * @param outDir the output directory (absolute)
 * @param hostStack the host stack, {@code <out>/stacks/host/cdk.tf.json}
 * @param clusterStack the cluster stack, {@code <out>/stacks/cluster/cdk.tf.json}
 * @since 0.1.0
 */
public record SynthesisResult(Path outDir, Path hostStack, Path clusterStack) {

	/**
	 * Returns the directory to run {@code terraform -chdir=
	 *
	<dir>
	 * } in for the host stack.
	 * @return the host stack's directory
	 */
	public Path hostStackDirectory() {
		return this.hostStack.getParent();
	}

	/**
	 * Returns the directory to run {@code terraform -chdir=
	 *
	<dir>
	 * } in for the cluster stack.
	 * @return the cluster stack's directory
	 */
	public Path clusterStackDirectory() {
		return this.clusterStack.getParent();
	}

}
