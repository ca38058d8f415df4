def log = new File(basedir, 'build.log').text
assert log.contains('Suite budget-migration was not promoted, the baseline is unchanged: REJECT challenger: 2 of 3 criteria violated; challenger schema pass rate 71.5% is not non-inferior to control 100.0% (Δ -28.5 pp, 95% CI [-35.1, -22.4], margin -2.0 pp, n=200)')
assert !new File(basedir, 'champion').exists()
return true
