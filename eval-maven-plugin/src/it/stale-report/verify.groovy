def log = new File(basedir, 'build.log').text
def report = new File(basedir, 'target/evalgate/support-migration/report.json')
def stale = ~/\[WARNING\] Stale EvalGate report: \Q${report.canonicalPath}\E was written at \S+Z, before this build started \(\S+Z\): suite support-migration did not run in this build \(its class was not run, its definition failed, or only some of its cases were selected, as -Dtest='Class#case' does, which writes no report\), so its verdict is no evidence of this build; make it run, or delete the folder \(mvn clean verify\)/
assert log =~ stale : 'build.log lacks the stale report line'
assert log.contains('EvalGate: 1 violation in 1 report; see the lines above') : 'build.log lacks the summary'
assert !log.contains('All EvalGate gates passed') : 'the old verdict passed the gate'
assert !new File(report.parentFile, 'decision.json').exists() : 'the earlier decision.json was kept'
return true
