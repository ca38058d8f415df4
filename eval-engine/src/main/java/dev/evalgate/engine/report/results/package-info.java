/**
 * {@code results.jsonl}, one line per call: its one writer ({@link ResultsWriter}), its one reader
 * ({@link ResultsCursor}: merges, baseline comparison and the page rebuilt from a file all read
 * through it), the field names and their order, spelled only in {@link ResultsFields}; the texts of
 * a case redacted once for every writer ({@link CaseTexts}). REPORTS.md documents the format.
 */
@API(status = INTERNAL, since = "0.1")
@NullMarked
package dev.evalgate.engine.report.results;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.NullMarked;
