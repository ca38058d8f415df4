/**
 * The test tree: a class container per {@code @EvalSuite} class, a container per suite, and under
 * it the tests that are the suite's claims (criteria, gates, dataset integrity) or selected cases.
 */
@NullMarked
package dev.evalgate.engine.descriptor;

import org.jspecify.annotations.NullMarked;
