def log = new File(basedir, 'build.log').text
def lines = log.readLines()
assert lines.contains('[INFO] EvalGate support-migration: PROMOTE challenger: all 5 criteria hold; it may replace control') : 'build.log lacks: ' + '[INFO] EvalGate support-migration: PROMOTE challenger: all 5 criteria hold; it may replace control'
assert lines.contains('[INFO] All EvalGate gates passed (1 report)') : 'build.log lacks: ' + '[INFO] All EvalGate gates passed (1 report)'
return true
