def log = new File(basedir, 'build.log').text
def lines = log.readLines()
assert lines.contains('[WARNING] Rule violated for suite support-migration: challenger latency p95 is 82 ms, but expected maximum is 50 ms (n=200)') : 'build.log lacks: ' + '[WARNING] Rule violated for suite support-migration: challenger latency p95 is 82 ms, but expected maximum is 50 ms (n=200)'
assert log.contains('EvalGate: 1 violation in 1 report; see the lines above') : 'build.log lacks: ' + 'EvalGate: 1 violation in 1 report; see the lines above'
// a rule that holds is echoed once; the summary table, printed when the suite ran, is not printed again
def holds = "[INFO] Rule holds for suite support-migration: challenger cost per 1K calls is \$0.11, 0.21 × control's \$0.53, within the maximum ratio of 0.50 (n=200)"
assert lines.contains(holds) : 'build.log lacks: ' + holds
assert lines.contains('[INFO] EvalGate support-migration: PROMOTE challenger: all 5 criteria hold; it may replace control')
assert !lines.any { it.contains('pass rate schema') } : 'check printed the summary table again'
return true
