def log = new File(basedir, 'build.log').text
def lines = log.readLines()
assert lines.contains('[INFO] Tests run: 7, Failures: 0, Errors: 0, Skipped: 0') : 'the suite should pass in Surefire'
assert lines.contains('[WARNING] Rule violated for suite support-migration: challenger latency p99 is 124 ms (95% CI [98, ∞]), but expected maximum is 50 ms (n=200)')
assert log.contains('EvalGate: 1 violation in 1 report; see the lines above')
return true
