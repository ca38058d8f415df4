/**
 * {@code results.jsonl}, one line per call: its writer ({@link ResultsWriter}), its streaming reader
 * ({@link ResultsCursor}) and the field order both follow ({@link ResultsFields}); the texts of a
 * case redacted once for every writer ({@link CaseTexts}). REPORTS.md documents the format.
 */
@API(status = INTERNAL, since = "0.1")
@NullMarked
package dev.evalgate.engine.report.results;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.NullMarked;
