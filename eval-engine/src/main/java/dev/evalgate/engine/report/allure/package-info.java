/**
 * Allure results: one result per call, the suite's tests placed beside them, the overview files,
 * and the cleanup of a suite's earlier results ({@link AllureWriter} and its helpers).
 */
@API(status = INTERNAL, since = "0.1")
@NullMarked
package dev.evalgate.engine.report.allure;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.NullMarked;
