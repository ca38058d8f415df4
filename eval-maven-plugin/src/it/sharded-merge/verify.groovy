// The merged report of three shards equals the unsharded run's, metric for metric and verdict for verdict.
import groovy.json.JsonSlurper
def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] Merged 3 shards of support-migration into ')
assert log.contains('[INFO] All EvalGate gates passed (1 report)')
def merged = new JsonSlurper().parse(new File(basedir, 'reports/support-migration/report.json'))
def whole = new JsonSlurper().parse(new File(basedir, 'expected/unsharded-report.json'))
assert merged.evaluation == whole.evaluation : 'merged metrics differ from the unsharded run'
assert merged.gate == whole.gate : 'merged verdicts differ from the unsharded run'
assert merged.dataset == whole.dataset
assert merged.shard == '1/1'
return true
