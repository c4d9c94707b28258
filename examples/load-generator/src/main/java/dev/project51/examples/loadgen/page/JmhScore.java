package dev.project51.examples.loadgen.page;

/**
 * One JMH benchmark's result.
 *
 * @param benchmark the method's name, e.g. {@code clientChat}
 * @param score the score
 * @param error the 99.9 % confidence half-interval, or {@link Double#NaN}
 * @param unit the unit, e.g. {@code us/op}
 */
record JmhScore(String benchmark, double score, double error, String unit) {

}
