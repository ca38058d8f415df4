/** Recordings: stored responses keyed by a canonical hash of the request, replayed so CI needs no network. */
@NullMarked
package dev.evalgate.engine.recording;

import org.jspecify.annotations.NullMarked;
