// The build failed for the right reasons, with the one-line messages users read in the log.
def log = new File(basedir, 'build.log').text

def expected = [
  '[ERROR]   BudgetMigrationEvalTest.non-inferior: { metric: pass-rate(schema), margin: 2pp } [challenger] challenger schema pass rate 71.5% is not non-inferior to control 100.0% (Δ -28.5 pp, 96.7% CI [-35.1, -21.0], margin -2.0 pp, n=200)',
  '[ERROR]   BudgetMigrationEvalTest.at-most: { metric: over-refusal-rate, limit: 3% } [challenger] challenger over-refusal rate is 13.0% (96.7% CI [7.9, 18.5]), but expected maximum is 3.0% (n=200)',
  '[ERROR]   BudgetMigrationEvalTest.gate: challenger may replace control REJECT challenger: 2 of 3 criteria violated; challenger schema pass rate 71.5% is not non-inferior to control 100.0% (Δ -28.5 pp, 96.7% CI [-35.1, -21.0], margin -2.0 pp, n=200)',
  '[ERROR] Tests run: 5, Failures: 3, Errors: 0, Skipped: 0',
  'EvalGate budget-migration: REJECT challenger: 2 of 3 criteria violated; challenger schema pass rate 71.5% is not non-inferior to control 100.0% (Δ -28.5 pp, 96.7% CI [-35.1, -21.0], margin -2.0 pp, n=200)',
]
def lines = log.readLines()
expected.each { line ->
  assert lines.contains(line) : "build.log lacks the line:\n" + line
}
assert log.contains('BUILD FAILURE')
def report = new File(basedir, 'target/evalgate/budget-migration/report.json')
assert report.isFile() : 'the run report was not written'
assert report.text.contains('"decision" : "REJECT"')
return true
