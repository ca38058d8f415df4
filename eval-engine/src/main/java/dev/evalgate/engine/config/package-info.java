/**
 * Configuration: the keys ({@link dev.evalgate.engine.config.Constants}), their types and defaults
 * written once ({@link dev.evalgate.engine.config.Keys}, {@link
 * dev.evalgate.engine.config.VariantKeys}), and the one immutable {@link
 * dev.evalgate.engine.config.EngineConfiguration} read from them at discovery, with a warning for
 * every invalid value and every unknown key. Layer "shared": it imports only io, stats and redact.
 */
@API(status = INTERNAL, since = "0.1")
@NullMarked
package dev.evalgate.engine.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.NullMarked;
