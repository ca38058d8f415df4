def log = new File(basedir, 'build.log').text
def lines = log.readLines()
// 1: -Dtest=SupportBotEvalTest#q-2 runs the one case test, judges no gate and writes no report
assert lines.contains('[INFO] Tests run: 1, Failures: 0, Errors: 0, Skipped: 0') : 'build.log lacks the one case test'
assert !new File(basedir, 'target/evalgate/support-bot/report.json').exists() : 'a run of one case wrote a report'
// 2: -Dtest=SupportBotEvalTest#nosuch selects nothing, says why and fails the build
def error = "[ERROR] (1) [ERROR] Surefire's -Dtest='SupportBotEvalTest#nosuch' selects 'nosuch' of com.example.SupportBotEvalTest, but no suite of the class has a case of that id (nor is it a @SuiteDefinition method); expected the id of a case, exactly as the dataset gives it, such as -Dtest='SupportBotEvalTest#q-1+q-2'. Nothing of the class was selected for it."
assert lines.contains(error) : 'build.log lacks: ' + error
assert lines.contains('[INFO] BUILD FAILURE') : 'the build with an unknown case did not fail'
return true
