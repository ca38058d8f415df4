package dev.evalgate.engine.gate;

/**
 * The gate's decision for one challenger, with a one-line reason.
 *
 * @param challenger the challenger
 * @param control the variant it would replace
 * @param decision promote, reject or inconclusive
 * @param message why
 */
public record Verdict(String challenger, String control, Decision decision, String message) {}
