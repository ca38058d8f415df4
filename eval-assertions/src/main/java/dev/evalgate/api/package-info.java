/**
 * The values EvalGate passes around and the annotations users write: cases, prompts, responses,
 * checks and their results, and the Java form of a suite.
 */
@NullMarked
package dev.evalgate.api;

import org.jspecify.annotations.NullMarked;
