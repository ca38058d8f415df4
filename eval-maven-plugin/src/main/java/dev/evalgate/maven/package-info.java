/**
 * The {@code evalgate} Maven goals: {@code check} (a rule over stored reports), {@code merge}
 * (shard results into one report) and {@code promote}. Thin mojos over the engine's report model.
 */
@NullMarked
package dev.evalgate.maven;

import org.jspecify.annotations.NullMarked;
