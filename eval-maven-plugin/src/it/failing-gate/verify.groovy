def log = new File(basedir, 'build.log').text
def lines = log.readLines()
assert lines.contains('[WARNING] Gate failed for suite budget-migration: REJECT challenger: 2 of 3 criteria violated; challenger schema pass rate 71.5% is not non-inferior to control 100.0% (Δ -28.5 pp, 95% CI [-35.1, -22.4], margin -2.0 pp, n=200)') : 'build.log lacks: ' + '[WARNING] Gate failed for suite budget-migration: REJECT challenger: 2 of 3 criteria violated; challenger schema pass rate 71.5% is not non-inferior to control 100.0% (Δ -28.5 pp, 95% CI [-35.1, -22.4], margin -2.0 pp, n=200)'
assert log.contains('EvalGate: 1 violation in 1 report; see the lines above') : 'build.log lacks: ' + 'EvalGate: 1 violation in 1 report; see the lines above'
return true
