/**
 * Allure results: one result per call, the suite's tests placed beside them, the overview files,
 * and the cleanup of a suite's earlier results ({@link AllureWriter} and its helpers).
 */
@NullMarked
package dev.evalgate.engine.report.allure;

import org.jspecify.annotations.NullMarked;
