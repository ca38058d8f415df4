/** Suite definitions: the declarative file form (YAML or JSON) and the Java form, both to SuiteSpec. */
@NullMarked
package dev.evalgate.engine.suite;

import org.jspecify.annotations.NullMarked;
