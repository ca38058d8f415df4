/**
 * Discovery: from selectors (class, method, package, classpath root, unique id, resource, file) to
 * the test tree.
 */
@API(status = INTERNAL, since = "0.1")
@NullMarked
package dev.evalgate.engine.discovery;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.NullMarked;
