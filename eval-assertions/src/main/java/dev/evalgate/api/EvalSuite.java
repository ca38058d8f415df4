package dev.evalgate.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as the anchor of one or more eval suites.
 *
 * <p>Either name declarative suite files (YAML or JSON, classpath resources relative to the root):
 *
 * <pre>{@code
 * @EvalSuite("evals/support-bot.yaml")
 * class SupportBotEval {}
 * }</pre>
 *
 * <p>or leave the value empty and declare suites in Java with {@link SuiteDefinition} methods.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EvalSuite {
  /** Classpath locations of suite files; empty when the class declares its suites in Java. */
  String[] value() default {};
}
