/** The gate benchmark's own logic (bench/gate/): run plans and the two judges it compares. */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { csvOnlyCopy, judgeNaively, pairJudgement, type P95s } from '../../bench/gate/judge.js'
import { parseRunName, planRuns, runName } from '../../bench/gate/runs.js'

const p95s = (values: Record<string, number | null>): P95s => new Map(Object.entries(values))

test('a seeded plan interleaves A and B runs the same way every time', () => {
  const plan = planRuns(12, [1.1, 1.3, 1.5], 5, 18)
  expect(plan).toEqual(planRuns(12, [1.1, 1.3, 1.5], 5, 18))
  expect(plan.map((run) => run.name)).not.toEqual(
    planRuns(12, [1.1, 1.3, 1.5], 5, 19).map((run) => run.name)
  )
  expect(plan.filter((run) => run.workFactor === 1)).toHaveLength(12)
  expect(plan.filter((run) => run.workFactor === 1.3)).toHaveLength(5)
  // Interleaved, not in blocks: the A runs are not all first.
  expect(plan.slice(0, 12).every((run) => run.workFactor === 1)).toBe(false)
  expect(plan.map((run) => parseRunName(run.name))).toEqual(plan)
})

test('run folders are named by order, side and work factor; other folders are not runs', () => {
  expect(runName(7, 1.3)).toBe('07-B-x1.30')
  expect(runName(12, 1)).toBe('12-A-x1.00')
  expect(parseRunName('07-B-x1.30')).toEqual({ name: '07-B-x1.30', workFactor: 1.3 })
  expect(parseRunName('README.md')).toBeUndefined()
})

test('the naive judge fails a pair on any p95 at or above 1.1 times its baseline', () => {
  const baseline = p95s({ 'GET /': 4, 'GET /compute': 10, 'GET /wait': 22, Aggregated: 20 })
  // Locust's 1 ms rounding alone: 4 → 5 ms reads +25 %.
  expect(judgeNaively(baseline, p95s({ ...Object.fromEntries(baseline), 'GET /': 5 }))).toEqual({
    outcome: 'failed',
    failedRules: ['GET /']
  })
  expect(
    judgeNaively(
      baseline,
      p95s({ 'GET /': 4, 'GET /compute': 10, 'GET /wait': 24, Aggregated: 21 })
    )
  ).toEqual({ outcome: 'passed', failedRules: [] })
  // An endpoint without a p95 on either side skips its rule.
  expect(judgeNaively(baseline, p95s({ 'GET /': null, Aggregated: 20 })).outcome).toBe('passed')
})

test("the product's verdict is read from results.json version 1 and 2 alike", () => {
  const v1 = (verdicts: string[]) => ({
    verdict: 'passed',
    thresholds: verdicts.map((verdict, i) => ({ selector: i === 0 ? null : 'GET /', verdict }))
  })
  expect(pairJudgement(v1(['pass', 'pass']))).toEqual({ outcome: 'passed', failedRules: [] })
  expect(pairJudgement(v1(['fail', 'skipped']))).toEqual({
    outcome: 'failed',
    failedRules: ['Aggregated']
  })
  const v2 = { verdict: 'inconclusive', rules: [{ selector: 'GET /', outcome: 'inconclusive' }] }
  expect(pairJudgement(v2).outcome).toBe('inconclusive')
  // Inconclusive is not caught: a failing rule beside it makes the pair failed.
  expect(
    pairJudgement({
      rules: [{ outcome: 'inconclusive' }, { selector: 'GET /', outcome: 'failed' }]
    })
  ).toEqual({ outcome: 'failed', failedRules: ['GET /'] })
  expect(pairJudgement({ verdict: 'invalid', thresholds: [] }).outcome).toBe('invalid')
})

test('the CSV-only check judges a copy holding only the CSV files Locust wrote', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dl-gate-csv-only-'))
  try {
    const run = join(dir, '03-B-x1.30')
    mkdirSync(run)
    const files = ['locust_stats.csv', 'locust_stats_history.csv', 'locust_failures.csv']
    for (const name of [...files, 'histograms.json', 'results.json', 'master.log', 'notes.csv']) {
      writeFileSync(join(run, name), 'x')
    }
    const copy = csvOnlyCopy(run, join(dir, 'csv-only', '03-B-x1.30'))
    expect(readdirSync(copy).sort()).toEqual(files.sort())
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
