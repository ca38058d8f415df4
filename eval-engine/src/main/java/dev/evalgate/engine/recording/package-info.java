/**
 * Recordings: stored responses keyed by a canonical hash of the request, replayed so CI needs no
 * network.
 */
@API(status = INTERNAL, since = "0.1")
@NullMarked
package dev.evalgate.engine.recording;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.NullMarked;
