def log = new File(basedir, 'build.log').text
def lines = log.readLines()
assert log.contains('No EvalGate run report (report.json) under ') : 'build.log lacks: ' + 'No EvalGate run report (report.json) under '
assert log.contains('; run the eval suites first (their tests write it) or set failIfNoReports=false') : 'build.log lacks: ' + '; run the eval suites first (their tests write it) or set failIfNoReports=false'
return true
