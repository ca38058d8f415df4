// what an earlier build left behind: a promoting report and its decision, an hour old
def folder = new File(basedir, 'target/evalgate/support-migration')
folder.mkdirs()
def report = new File(folder, 'report.json')
report.bytes = new File(basedir, 'earlier-build/support-migration/report.json').bytes
def decision = new File(folder, 'decision.json')
decision.text = '{"format":"evalgate-decision/v1","verdict":"PROMOTE"}'
long hourAgo = System.currentTimeMillis() - 3_600_000L
report.setLastModified(hourAgo)
decision.setLastModified(hourAgo)
return true
