def log = new File(basedir, 'build.log').text
def expected = "Invalid EvalGate configuration: haltOnFailure must be true or false, but was 'ture'"
assert log.contains(expected) : 'build.log lacks: ' + expected
assert !log.contains('not failing the build') : 'the typo turned the gate off'
return true
