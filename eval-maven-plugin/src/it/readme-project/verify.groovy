def log = new File(basedir, 'build.log').text
def lines = log.readLines()
def expected = ['[INFO] Tests run: 5, Failures: 0, Errors: 0, Skipped: 0',
    'EvalGate support-bot: PROMOTE challenger: all 3 criteria hold; it may replace control',
    '[INFO] EvalGate support-bot: PROMOTE challenger: all 3 criteria hold; it may replace control',
    '[INFO] All EvalGate gates passed (1 report)']
expected.each { assert lines.contains(it) : 'build.log lacks: ' + it }
assert !log.contains('SLF4J') : 'SLF4J printed its warnings'
assert !lines.any { it.startsWith('[INFO]   metric') } : 'check printed the summary table again'
assert log.contains('(open with: npx allure-commandline serve ') : 'no Allure hint'
return true
