/**
 * Streaming the cases of a suite through its variants: rendering prompts, asking the responder,
 * checking the answers and handing each case's results to the sinks in dataset order, in a bounded
 * window. Layer "run": it knows neither metrics, gate nor reports; they are sinks.
 */
@API(status = INTERNAL, since = "0.1")
@NullMarked
package dev.evalgate.engine.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.NullMarked;
