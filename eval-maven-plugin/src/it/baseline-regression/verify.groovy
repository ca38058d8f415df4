// A challenger judged against a committed champion with the run's own criteria regresses: the build fails.
def log = new File(basedir, 'build.log').text
def lines = log.readLines()
def line = '[WARNING] Baseline regression for suite budget-migration against the champion (challenger of support-migration): REJECT challenger: 2 of 3 criteria violated; challenger schema pass rate 71.5% is not non-inferior to control 100.0% (Δ -28.5 pp, 96.7% CI [-35.1, -21.0], margin -2.0 pp, n=200)'
assert lines.contains(line) : 'build.log lacks: ' + line
assert log.contains('EvalGate: 2 violations in 1 report; see the lines above')
return true
