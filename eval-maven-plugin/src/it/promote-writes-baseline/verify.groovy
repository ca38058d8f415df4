def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] Promoted challenger of suite support-migration: the new champion is ')
assert new File(basedir, 'champion/support-migration/report.json').isFile()
assert new File(basedir, 'champion/support-migration/results.jsonl').length() == new File(basedir, 'reports/support-migration/results.jsonl').length()
assert new File(basedir, 'champion/support-migration/decision.json').isFile()
assert new File(basedir, 'champion/support-migration/decision.json').text == new File(basedir, 'reports/support-migration/decision.json').text
assert log.contains('[INFO] EvalGate decision for suite support-migration: promote challenger (')
return true
