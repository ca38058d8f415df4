/** Discovery: from selectors (class, method, package, classpath root, unique id, resource, file) to the test tree. */
@NullMarked
package dev.evalgate.engine.discovery;

import org.jspecify.annotations.NullMarked;
