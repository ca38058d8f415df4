/**
 * The types every stage of a run exchanges: a call to make ({@link CallRequest}) and what answers
 * it ({@link Responder}, priced by a {@link CostModel}); one case's results ({@link CaseResult},
 * {@link VariantOutcome}) and the sinks that receive them in dataset order ({@link CaseSink},
 * {@link PreparingSink}). Layer "shared": it imports no other engine package.
 */
@API(status = INTERNAL, since = "0.1")
@NullMarked
package dev.evalgate.engine.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.NullMarked;
