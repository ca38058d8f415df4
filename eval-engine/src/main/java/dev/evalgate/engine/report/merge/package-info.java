/**
 * Merging the reports of a sharded run into the report one unsharded run would have written ({@link
 * ShardMerger}).
 */
@API(status = INTERNAL, since = "0.1")
@NullMarked
package dev.evalgate.engine.report.merge;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.NullMarked;
