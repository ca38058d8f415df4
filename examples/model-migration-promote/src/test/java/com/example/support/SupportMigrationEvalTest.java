package com.example.support;

import dev.evalgate.api.EvalSuite;

/**
 * Anchors the declarative suite to a class, so Surefire and IDEs run it like any test class. Its
 * tests are the suite's criteria and gate; see evalgate/support-migration.yaml.
 */
@EvalSuite("evalgate/support-migration.yaml")
class SupportMigrationEvalTest {}
