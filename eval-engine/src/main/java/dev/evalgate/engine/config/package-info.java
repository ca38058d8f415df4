/** Configuration parameters: keys, typed access, defaults and warnings for invalid values. */
@NullMarked
package dev.evalgate.engine.config;

import org.jspecify.annotations.NullMarked;
