def log = new File(basedir, 'build.log').text
def lines = log.readLines()
assert log.contains('No EvalGate run report (report.json) under ') : 'build.log lacks: ' + 'No EvalGate run report (report.json) under '
def why = ": no eval suite ran. Pin maven-surefire-plugin 3.x (Maven 3.8's default 2.12.4 runs no JUnit Platform engine) and name each @EvalSuite class so that Surefire's includes match it (the default includes **/*Test.java: SupportBotEvalTest); or set failIfNoReports=false"
assert log.contains(why) : 'build.log lacks: ' + why
return true
