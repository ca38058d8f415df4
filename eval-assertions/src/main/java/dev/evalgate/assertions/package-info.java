/** The fluent, AssertJ-style API for checking one model response in ordinary unit tests. */
@NullMarked
package dev.evalgate.assertions;

import org.jspecify.annotations.NullMarked;
