def log = new File(basedir, 'build.log').text
def lines = log.readLines()
assert log.contains('Invalid EvalGate configuration: rule #1 (at-mostt: { metric: latency-p95, limit: 50ms }): unknown kind \'at-mostt\'; expected one of non-inferior, at-most, at-least, ratio-at-most, no-new-failures, min-cases') : 'build.log lacks: ' + 'Invalid EvalGate configuration: rule #1 (at-mostt: { metric: latency-p95, limit: 50ms }): unknown kind \'at-mostt\'; expected one of non-inferior, at-most, at-least, ratio-at-most, no-new-failures, min-cases'
return true
