/** `distributed-locust report`: judging CSVs Locust wrote elsewhere, with thresholds and a baseline. */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ResultsJson } from '../../src/report/json.js'
import { cliInProcess } from '../support/cli.js'
import { REPO, removeDir, tempDir } from '../support/helpers.js'

/** Real Locust 1.1 output (see its README): aggregate p95 85 ms, no failures, 152 endpoints. */
const LOCUST_1_1 = join(REPO, '__tests__/fixtures/locust-1.1-benchmark')
/** Real Locust 2.12.1 output: a quarter of the requests fail. */
const LOCUST_2_12 = join(REPO, '__tests__/fixtures/locust-2.12.1-basic')

let work: string
beforeEach(() => {
  work = tempDir('report')
})
afterEach(() => removeDir(work))

/** Runs `distributed-locust …args` in process, in the work folder. */
const cli = (...args: string[]) => cliInProcess(work, args)

const report = (...args: string[]) => cli('report', ...args)

function resultsJson(dir: string): ResultsJson {
  return JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as ResultsJson
}

test('Locust 1.1 CSVs pass their thresholds: exit 0, report printed and written to --out', async () => {
  const run = await report(
    LOCUST_1_1,
    '--threshold',
    'p95 < 100ms',
    '--threshold',
    'fail_ratio < 1%',
    '--out',
    'judged'
  )
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  expect(run.stdout).toContain('PASSED')
  expect(run.stdout).toContain('none (existing Locust results judged)')
  const json = resultsJson(join(work, 'judged'))
  expect(json).toMatchObject({ verdict: 'passed', facts: { backend: 'none' }, baseline: null })
  expect(json.totals).toMatchObject({ requests: 69424, failures: 0, percentiles: { p95: 85 } })
  expect(json.facts.durationSeconds).toBeGreaterThan(60)
  expect(readFileSync(join(work, 'judged/summary.md'), 'utf8')).toContain('## ✅ Load test passed')
  // The folder judged is left as it was.
  expect(readdirSync(LOCUST_1_1).sort()).not.toContain('results.json')
})

test('Locust 2.12 CSVs with a quarter failing: exit 1', async () => {
  const run = await report(LOCUST_2_12, '--threshold', 'fail_ratio < 1%', '--out', 'judged')
  expect(run.code).toBe(1)
  expect(run.stdout).toContain('fail_ratio < 1%')
  expect(resultsJson(join(work, 'judged')).verdict).toBe('failed')
})

/**
 * A baseline of the Locust 1.1 run whose aggregate p95 was `p95` ms: its whole response-time
 * distribution scaled by p95 / its own p95, as a faster build would have measured it.
 */
async function baselineWithP95(p95: number): Promise<string> {
  expect((await report(LOCUST_1_1, '--out', 'base')).code).toBe(0)
  const path = join(work, 'base/results.json')
  const json = resultsJson(join(work, 'base'))
  const scale = p95 / json.totals!.percentiles.p95!
  for (const [key, ms] of Object.entries(json.totals!.percentiles)) {
    json.totals!.percentiles[key] = ms === null ? null : ms * scale
  }
  json.facts.runId = '1234'
  writeFileSync(path, JSON.stringify(json))
  return path
}

describe('with a baseline', () => {
  /** Judges the Locust 1.1 run into now/ against `baseline` with the one rule `p95 < baseline * 1.1`. */
  const judgeAgainst = (baseline: string) =>
    report(
      LOCUST_1_1,
      '--baseline',
      baseline,
      '--threshold',
      'p95 < baseline * 1.1',
      '--out',
      'now'
    )

  test("an 18 % p95 regression inside this run's noise is inconclusive: exit 0, or 4 with --on-inconclusive fail", async () => {
    // The run's own p95 moves between windows (a slow start), so ×1.18 is not surely beyond ×1.1.
    await baselineWithP95(72)
    const run = await judgeAgainst('base')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/\? inconclusive\s+p95 < baseline \* 1\.1\s+85 ms\s+< 79\.2 ms/)
    expect(run.stdout).toMatch(/straddles the limit/)
    const json = resultsJson(join(work, 'now'))
    expect(json).toMatchObject({ verdict: 'inconclusive', passed: true, confidence: 0.95 })
    expect(json.thresholds[0]).toMatchObject({ verdict: 'inconclusive', baselineRuns: 1 })
    expect(json.thresholds[0].ratio!.low).toBeLessThan(1.1)
    expect(json.thresholds[0].ratio!.high).toBeGreaterThan(1.1)
    const strict = await report(
      LOCUST_1_1,
      '--baseline',
      'base',
      '--threshold',
      'p95 < baseline * 1.1',
      '--on-inconclusive',
      'fail',
      '--out',
      'strict'
    )
    expect(strict.code).toBe(4)
    await report(
      LOCUST_1_1,
      '--baseline',
      'base',
      '--threshold',
      'p95 < baseline * 1.1',
      '--confidence',
      '0.8',
      '--out',
      'sure'
    )
    expect(resultsJson(join(work, 'sure')).thresholds[0].ratio!.low).toBeGreaterThan(
      json.thresholds[0].ratio!.low!
    )
  })

  test('--confidence out of range is refused before judging', async () => {
    const run = await report(LOCUST_1_1, '--confidence', '1.5', '--out', 'never')
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('--confidence: got "1.5"; expected a number from 0.5 to 0.999')
  })

  test('a p95 twice the baseline fails "p95 < baseline * 1.1"; the comparison leads with it', async () => {
    await baselineWithP95(40)
    const run = await report(
      LOCUST_1_1,
      '--baseline',
      'base',
      '--threshold',
      'p95 < baseline * 1.1',
      '--threshold',
      'p95 < 100ms',
      '--threshold',
      'fail_ratio < 100%',
      '--out',
      'now'
    )
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(
      /✖ fail\s+p95 < baseline \* 1\.1\s+85 ms\s+< 44 ms \(baseline × 1\.1\)/
    )
    const json = resultsJson(join(work, 'now'))
    expect(json.thresholds.map((t) => [t.verdict, t.baseline, t.limit, t.bound])).toEqual([
      ['fail', 40, 44, { factor: 1.1, offset: 0 }],
      ['pass', null, 100, null],
      ['pass', null, 1, null]
    ])
    expect(json.baseline).toMatchObject({ runId: '1234', source: join(work, 'base/results.json') })
    expect(json.baseline!.deltas[0]).toEqual({
      endpoint: 'Aggregated',
      metric: 'p95',
      family: 'time',
      baseline: 40,
      current: 85,
      delta: 45,
      deltaRatio: 1.125,
      ratioInterval: expect.objectContaining({ low: expect.any(Number) }),
      change: 'worse'
    })
    const summary = readFileSync(join(work, 'now/summary.md'), 'utf8')
    expect(summary).toContain('### Compared with the baseline')
    expect(summary).toMatch(
      /\| Aggregated \| p95 \| 40 ms \| 85 ms \| \+45 ms \| \+112\.5% \(\+\d+(\.\d+)?% to \+\d+(\.\d+)?%\) \| ▲ worse \|/
    )
  })

  test('the same figures pass, every delta within the noise', async () => {
    await baselineWithP95(85)
    const run = await judgeAgainst('base/results.json')
    expect(run.code).toBe(0)
    expect(resultsJson(join(work, 'now')).baseline!.deltas.every((d) => d.change === 'same')).toBe(
      true
    )
  })

  test('the same run time measured a second longer (17 s and 18 s spans) is the same condition: rules decided', async () => {
    // Locust's history has whole-second timestamps a second apart: two runs of one run time span
    // a second more or less. A copy of the run whose history has one more row, a second later.
    expect((await report(LOCUST_1_1, '--out', 'base', '--threshold', 'p95 < 1s')).code).toBe(0)
    const longer = join(work, 'longer')
    cpSync(LOCUST_1_1, longer, { recursive: true })
    const history = join(
      longer,
      readdirSync(longer).find((f) => f.endsWith('_stats_history.csv'))!
    )
    const rows = readFileSync(history, 'utf8').trimEnd().split('\n')
    const last = rows.at(-1)!
    const stamp = Number(/^"(\d+)"/.exec(last)![1])
    writeFileSync(
      history,
      [...rows, last.replace(`"${stamp}"`, `"${stamp + 1}"`)].join('\n') + '\n'
    )

    const run = await report(
      longer,
      '--baseline',
      'base/results.json',
      '--threshold',
      'p95 < baseline * 1.1',
      '--out',
      'now'
    )
    const json = resultsJson(join(work, 'now'))
    expect(json.baselineNotComparable).toBeNull()
    expect(json.thresholds.map((rule) => rule.verdict)).toEqual(['pass', 'pass'])
    expect(run.code).toBe(0)
  })

  test('no baseline at an explicit --baseline: refused with exit 2 naming the path, nothing judged', async () => {
    const run = await judgeAgainst('missing')
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(`--baseline: no baseline at ${join(work, 'missing')};`)
    expect(existsSync(join(work, 'now/results.json'))).toBe(false)
  })

  test('a corrupt baseline never fails the gate: skipped, with the reason', async () => {
    mkdirSync(join(work, 'base'))
    writeFileSync(join(work, 'base/results.json'), '{"schemaVersion": 1, "totals": {')
    const run = await judgeAgainst('base')
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('is not valid JSON')
    expect(resultsJson(join(work, 'now')).thresholds[0].verdict).toBe('skipped')
  })
})

test('a folder without Locust CSVs: exit 2, saying what is missing', async () => {
  mkdirSync(join(work, 'empty'))
  const run = await report('empty', '--threshold', 'p95 < 100ms')
  expect(run.code).toBe(2)
  expect(run.stderr).toContain('No *_stats.csv file in')
})

test('a bad rule: exit 2 naming the flag, line and column; nothing judged', async () => {
  const run = await report(LOCUST_1_1, '--threshold', 'p95 < baseline / 2', '--out', 'judged')
  expect(run.code).toBe(2)
  expect(run.stderr).toContain(
    '--threshold: line 1, column 16: expected "*", "+" or "-" after "baseline"'
  )
  expect(readdirSync(work)).toEqual([])
})

test('a thresholds file that is a device is refused at once, not read without end', async () => {
  const run = await report(LOCUST_1_1, '--thresholds-file', '/dev/zero')
  expect(run.code).toBe(2)
  expect(run.stderr).toContain(
    '--thresholds-file: cannot read /dev/zero: not a regular file (a device or a pipe)'
  )
})

test('run --backend none --baseline: the same judging through `run`, baseline path relative to the working directory', async () => {
  const csvs = join(work, 'csvs')
  cpSync(LOCUST_1_1, csvs, { recursive: true })
  const base = await baselineWithP95(40)
  const runAgainst = (baseline: string) =>
    cli(
      'run',
      '--backend',
      'none',
      '-o',
      csvs,
      '--baseline',
      baseline,
      '--threshold',
      'p95 < baseline * 1.1'
    )

  const judged = await runAgainst('base')
  expect(judged.code).toBe(1)
  expect(judged.stderr).toContain(`Judging the Locust CSVs in ${csvs} (none backend)`)
  expect(judged.stdout).toContain('< 44 ms (baseline × 1.1)')
  expect(resultsJson(csvs).baseline).toMatchObject({ source: base })

  const auto = await runAgainst('auto')
  expect(auto.code).toBe(0)
  expect(auto.stderr).toContain('--baseline auto works in the GitHub Action only')
})

test('a master.log in the folder saying Locust saturated its CPU: exit 3, unless --on-invalid pass', async () => {
  const folder = join(work, 'saturated')
  cpSync(LOCUST_1_1, folder, { recursive: true })
  writeFileSync(
    join(folder, 'master.log'),
    '[2026-12-07 14:00:05,001] runner/WARNING/locust.runners: CPU usage above 90%! This may constrain your throughput and may even give inconsistent response time measurements!\n'
  )
  const invalid = await report(folder, '--threshold', 'fail_ratio < 1%', '--out', 'judged')
  expect(invalid.code).toBe(3)
  expect(invalid.stdout).toContain('Unfit to judge: Locust warned that the CPU of the master')
  const letThrough = await report(
    folder,
    '--threshold',
    'fail_ratio < 1%',
    '--on-invalid',
    'pass',
    '--out',
    'again'
  )
  expect(letThrough.code).toBe(0)
  expect(resultsJson(join(work, 'again')).verdict).toBe('invalid')
})
