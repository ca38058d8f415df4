def lines = new File(basedir, 'build.log').text.readLines()
def line = '[INFO] Skipping EvalGate check: the tests are skipped (skipTests), so no suite ran'
assert lines.contains(line) : 'build.log lacks: ' + line
return true
