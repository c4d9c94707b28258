package dev.project51.examples.loadgen.page;

/**
 * The resident memory of one process of the peer race.
 *
 * @param name the process, e.g. {@code agent} or {@code litellm}
 * @param version what ran, e.g. {@code litellm 1.106.12}
 * @param idleMib its RSS once ready, before the load
 * @param peakMib its highest RSS (VmHWM) at the end of the load
 */
record PeerMemory(String name, String version, double idleMib, double peakMib) {

}
