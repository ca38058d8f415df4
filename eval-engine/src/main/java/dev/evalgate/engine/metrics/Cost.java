package dev.evalgate.engine.metrics;

import org.jspecify.annotations.Nullable;

/**
 * What a variant's calls cost in US dollars. Unknown is {@code null}, never 0: when any call's
 * price is unknown the totals are unknown too, and {@code unknownCalls} says how many.
 *
 * @param total total cost
 * @param perCall mean cost per successful call
 * @param per1kCalls cost per 1,000 calls
 * @param unknownCalls successful calls whose price was unknown
 */
public record Cost(
    @Nullable Double total,
    @Nullable Double perCall,
    @Nullable Double per1kCalls,
    long unknownCalls) {}
