/** Configuration parameters: keys, typed access, defaults and warnings for invalid values. */
@API(status = INTERNAL, since = "0.1")
@NullMarked
package dev.evalgate.engine.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.NullMarked;
