/**
 * Every thread the engine starts: {@link EngineThreads} makes them (daemon, named {@code
 * evalgate-ROLE-N} for thread dumps) and stops pools one way; {@link RunThreads} owns the pools of
 * one suite run and stops them all when the run ends. Layer foundation: imports nothing of the
 * engine.
 */
@API(status = INTERNAL, since = "0.1")
@NullMarked
package dev.evalgate.engine.concurrent;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.NullMarked;
