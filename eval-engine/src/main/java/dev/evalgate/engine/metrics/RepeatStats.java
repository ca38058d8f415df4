package dev.evalgate.engine.metrics;

/**
 * How consistent a check is across {@code k} repeats of each case.
 *
 * @param k repeats per case
 * @param cases cases with all k repeats answered
 * @param passAll share of cases passing in all k repeats (pass^k)
 * @param passAny share of cases passing in at least one repeat (pass@k)
 * @param flipRate share of cases whose outcome differs between repeats
 */
public record RepeatStats(int k, long cases, double passAll, double passAny, double flipRate) {}
