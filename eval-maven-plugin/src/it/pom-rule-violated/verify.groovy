def log = new File(basedir, 'build.log').text
def lines = log.readLines()
assert lines.contains('[WARNING] Rule violated for suite support-migration: challenger latency p95 is 82 ms, but expected maximum is 50 ms (n=200)') : 'build.log lacks: ' + '[WARNING] Rule violated for suite support-migration: challenger latency p95 is 82 ms, but expected maximum is 50 ms (n=200)'
assert log.contains('EvalGate: 1 violation in 1 report; see the lines above') : 'build.log lacks: ' + 'EvalGate: 1 violation in 1 report; see the lines above'
return true
