package com.example.support;

import dev.evalgate.api.EvalSuite;

/**
 * Prompt v4 judged against the champion: the control's answers come from the committed champion run
 * (evalgate.baseline, set in the POM), so only the challenger is called.
 */
@EvalSuite("evalgate/prompt-v4.yaml")
class PromptV4AgainstChampionEvalTest {}
