/**
 * The declarative suite file (YAML, or JSON, which YAML includes) read into a {@code SuiteSpec},
 * every problem naming the file and the line ({@code docs/suites.md} documents the format). The
 * Java form ({@code @SuiteDefinition} methods) is read by {@code discovery}, which uses this
 * package for suite files. Layer "inputs".
 */
@API(status = INTERNAL, since = "0.1")
@NullMarked
package dev.evalgate.engine.suite;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.NullMarked;
