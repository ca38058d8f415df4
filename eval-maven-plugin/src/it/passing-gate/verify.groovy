def log = new File(basedir, 'build.log').text
def lines = log.readLines()
assert lines.contains('[INFO] EvalGate support-migration: PROMOTE challenger: all 5 criteria hold; it may replace control') : 'build.log lacks: ' + '[INFO] EvalGate support-migration: PROMOTE challenger: all 5 criteria hold; it may replace control'
assert lines.contains('[INFO] All EvalGate gates passed (1 report)') : 'build.log lacks: ' + '[INFO] All EvalGate gates passed (1 report)'
def decisionLine = lines.find { it.startsWith('[INFO] EvalGate decision for suite support-migration: promote challenger (') }
assert decisionLine != null : 'build.log lacks the decision line'
def decision = new groovy.json.JsonSlurper().parse(new File(basedir, 'reports/support-migration/decision.json'))
assert decision.format == 'evalgate-decision/v1'
assert decision.verdict == 'PROMOTE'
assert decision.winner.name == 'challenger'
assert decision.run.reportSha256 ==~ /[0-9a-f]{64}/
return true
