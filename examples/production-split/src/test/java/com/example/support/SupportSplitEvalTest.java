package com.example.support;

import dev.evalgate.api.EvalSuite;

/**
 * The traffic split production ran for a week, judged on the answers it logged; see
 * evalgate/support-split.yaml. Its tests are the suite's criteria and gate.
 */
@EvalSuite("evalgate/support-split.yaml")
class SupportSplitEvalTest {}
