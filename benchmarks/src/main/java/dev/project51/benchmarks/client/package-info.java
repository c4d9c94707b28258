/**
 * JMH benchmarks of the agent client against a raw JDK {@code HttpClient} on loopback.
 */
package dev.project51.benchmarks.client;
