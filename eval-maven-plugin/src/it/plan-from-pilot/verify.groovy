// evalgate:plan on a pilot's report.json: one line per criterion, with a count or the reason it has none
def log = new File(basedir, 'build.log').text
def lines = log.readLines()
assert lines.any { it.startsWith('[INFO] EvalGate plan for support-migration from ') && it.endsWith("(pilot: 200 cases x 1 repeat; 95% confidence unless a row states its own level, 80% power; counts assume the pilot's rates, discordance and spread are the truth):") } : 'build.log lacks the plan heading'
def expected = [
  '[INFO]   challenger non-inferior: { metric: pass-rate(schema), margin: 2pp }: about 99 cases x 1 repeat (pilot: 200; observed discordance 0.0%, difference 0.0 pp)',
  '[INFO]   challenger at-most: { metric: over-refusal-rate, limit: 3% }: about 130 cases x 1 repeat (pilot: 200; observed 0.0%, to show it within 3.0%)',
  '[INFO]   and whatever the counts above, the gate\'s min-cases needs at least 200 paired cases without errors',
]
expected.each { assert lines.contains(it) : 'build.log lacks: ' + it }
return true
