/** Model providers over HTTP (OpenAI-compatible Chat Completions and Anthropic Messages), retries, limits and prices. */
@NullMarked
package dev.evalgate.engine.provider;

import org.jspecify.annotations.NullMarked;
