/**
 * Merging the reports of a sharded run into the report one unsharded run would have written
 * ({@link ShardMerger}).
 */
@NullMarked
package dev.evalgate.engine.report.merge;

import org.jspecify.annotations.NullMarked;
