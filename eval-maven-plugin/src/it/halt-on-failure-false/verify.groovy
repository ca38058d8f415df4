def log = new File(basedir, 'build.log').text
def lines = log.readLines()
assert lines.contains('[WARNING] EvalGate: 1 violation in 1 report; not failing the build (haltOnFailure=false)') : 'build.log lacks: ' + '[WARNING] EvalGate: 1 violation in 1 report; not failing the build (haltOnFailure=false)'
return true
