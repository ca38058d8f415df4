package dev.evalgate.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static, parameterless method of an {@link EvalSuite} class that returns a {@link
 * SuiteSpec}: the Java form of a suite.
 *
 * <pre>{@code
 * @EvalSuite
 * class RouterEval {
 *   @SuiteDefinition
 *   static SuiteSpec router() {
 *     return SuiteSpec.named("router")
 *         .dataset("datasets/router.jsonl")
 *         .control(VariantSpec.inProcess("rules", RouterEval::rules))
 *         .challenger(VariantSpec.inProcess("classifier", RouterEval::classifier))
 *         .check(Checks.equalsVariable("route", "expected_route"))
 *         .gate(GateSpec.minCases(50).nonInferior("pass-rate(route)", "2pp"))
 *         .build();
 *   }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SuiteDefinition {}
