package com.example.support;

import dev.evalgate.api.EvalSuite;

/** A cheaper model that over-refuses and breaks the answer schema: the gate must reject it. */
@EvalSuite("evalgate/budget-migration.yaml")
class BudgetMigrationEvalTest {}
