package com.example.support;

import dev.evalgate.api.EvalSuite;

/**
 * A sample of the week's production prompts replayed through both models, compared case by case;
 * see evalgate/support-replay.yaml.
 */
@EvalSuite("evalgate/support-replay.yaml")
class SupportReplayEvalTest {}
