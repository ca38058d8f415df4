package dev.evalgate.engine.gate;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * The gate's decision for one challenger, with a one-line reason.
 *
 * @param challenger the challenger
 * @param control the variant it would replace
 * @param decision promote, reject or inconclusive
 * @param message why
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Verdict(String challenger, String control, Decision decision, String message) {}
