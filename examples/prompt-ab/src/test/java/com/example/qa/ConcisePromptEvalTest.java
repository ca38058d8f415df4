package com.example.qa;

import dev.evalgate.api.EvalSuite;

/**
 * A/B of two prompt versions on the same model: a concise prompt against the verbose one in
 * production.
 */
@EvalSuite("evalgate/concise-prompt.yaml")
class ConcisePromptEvalTest {}
