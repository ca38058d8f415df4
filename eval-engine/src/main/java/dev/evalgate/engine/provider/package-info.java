/**
 * Model providers over HTTP (OpenAI-compatible Chat Completions and Anthropic Messages), retries,
 * limits and prices.
 */
@API(status = INTERNAL, since = "0.1")
@NullMarked
package dev.evalgate.engine.provider;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.NullMarked;
