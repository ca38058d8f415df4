/**
 * The test tree: a class container per {@code @EvalSuite} class, a container per suite, and under
 * it the tests that are the suite's claims (criteria, gates, dataset integrity) or selected cases.
 */
@API(status = INTERNAL, since = "0.1")
@NullMarked
package dev.evalgate.engine.descriptor;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.NullMarked;
