package dev.evalgate.engine.metrics;

/**
 * The mean paired difference (challenger minus control) of a measured quantity with a seeded
 * bootstrap 95 % interval.
 *
 * @param n pairs
 * @param mean mean difference
 * @param low interval lower bound
 * @param high interval upper bound
 */
public record Difference(long n, double mean, double low, double high) {}
