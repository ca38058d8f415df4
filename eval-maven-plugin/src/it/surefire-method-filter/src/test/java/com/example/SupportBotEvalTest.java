package com.example;

import dev.evalgate.api.EvalSuite;

@EvalSuite("evalgate/support-bot.yaml")
class SupportBotEvalTest {}
