import { cpSync, mkdtempSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import MarkdownIt from 'markdown-it'
import { parse } from 'yaml'
import { parseBaseline } from '../src/baseline/parse.js'
import type { Baseline } from '../src/baseline/model.js'
import { concludeRun, type JudgingContext } from '../src/engine.js'
import type { RunConfig } from '../src/run/config.js'
import type { RunConditions } from '../src/run/validity.js'
import { parseThresholds } from '../src/thresholds/parse.js'

const fixture = join('__tests__', 'fixtures', 'locust-2.12.1-basic')

function configWith(thresholds: string, resultsDir = fixture): RunConfig {
  return {
    backend: { kind: 'local' },
    locustfile: join(fixture, 'locustfile.py'),
    data: [],
    host: 'http://127.0.0.1:18080',
    users: 20,
    spawnRate: 10,
    runTime: '8s',
    runTimeSeconds: 8,
    workers: 2,
    locustArgs: [],
    thresholds: parseThresholds(thresholds),
    failOnThreshold: true,
    timeoutMinutes: 10,
    workingDirectory: fixture,
    resultsDir
  }
}

interface Extras {
  /** Logs written into the results folder, by file name. */
  logs?: Record<string, string>
  config?: Partial<RunConfig>
  context?: JudgingContext
}

async function conclude(
  thresholds: string,
  outcome: { error?: string; partial?: boolean } = {},
  extras: Extras = {}
) {
  const resultsDir = mkdtempSync(join(tmpdir(), 'engine-'))
  cpSync(fixture, resultsDir, { recursive: true })
  // The fixture keeps the prefix it was recorded with; backends write Locust's as "locust".
  for (const name of readdirSync(resultsDir).filter((file) => file.startsWith('out_'))) {
    renameSync(join(resultsDir, name), join(resultsDir, name.replace(/^out_/, 'locust_')))
  }
  for (const [name, text] of Object.entries(extras.logs ?? {}))
    writeFileSync(join(resultsDir, name), text)
  return concludeRun(
    { ...configWith(thresholds, resultsDir), ...extras.config },
    {
      partial: outcome.partial ?? false,
      error: outcome.error,
      facts: { locustVersion: '2.12.1', workersConnected: 2 }
    },
    extras.context
  )
}

/** A baseline measured like the fixture's run: 20 users, 10/s, 8 s, 2 workers, Locust 2.12.1. */
function fixtureBaseline(conditions: Partial<RunConditions> = {}): JudgingContext {
  const stats = {
    method: '',
    name: 'Aggregated',
    requests: 4000,
    failures: 0,
    medianMs: 1,
    avgMs: 1,
    minMs: 0,
    maxMs: 10,
    avgContentSize: 2,
    rps: 500,
    failRps: 0,
    // The neighbouring percentiles bound the p95 from both sides (docs/thresholds.md).
    percentiles: [
      { label: '90%', quantile: 90, ms: 2 },
      { label: '95%', quantile: 95, ms: 2 },
      { label: '98%', quantile: 98, ms: 2 },
      { label: '99%', quantile: 99, ms: 3 }
    ]
  }
  return {
    baseline: {
      baseline: {
        source: 'earlier/results.json',
        conditions: {
          users: 20,
          spawnRate: 10,
          runTimeSeconds: 8,
          workers: 2,
          locustVersion: '2.12.1',
          ...conditions
        },
        aggregate: stats,
        endpoints: []
      }
    }
  }
}

// Locust 2.12.1's own words when a process's CPU passes 90 %.
const CPU_WARNING =
  '[2026-12-07 14:00:05,001] runner/WARNING/locust.runners: CPU usage above 90%! This may constrain your throughput and may even give inconsistent response time measurements!\n'

describe('concludeRun on real Locust 2.12.1 output', () => {
  test("gives Locust's own Aggregated totals as outputs", async () => {
    const { outputs } = await conclude('p95 < 500ms\nfail_ratio < 30%')
    expect(outputs).toMatchObject({
      passed: 'true',
      verdict: 'passed',
      requests: '4333',
      failures: '1079',
      p50: '1',
      p95: '4'
    })
    expect(Number(outputs.rps)).toBeCloseTo(541.7, 1)
    expect(Number(outputs['fail-ratio'])).toBeCloseTo(1079 / 4333, 5)
  })

  test('sets exactly the outputs action.yml declares', async () => {
    const { outputs } = await conclude('')
    const declared = Object.keys(
      (parse(readFileSync('action.yml', 'utf8')) as { outputs: object }).outputs
    )
    expect(Object.keys(outputs).sort()).toEqual(declared.sort())
  })

  test('a breached rule fails the run and names the rule', async () => {
    const { report, markdown } = await conclude(
      'p95 < 500ms\nfail_ratio < 1%\n"GET /": failures == 0'
    )
    expect(report.verdict).toBe('failed')
    expect(report.evaluation.results.map((r) => r.verdict)).toEqual(['pass', 'fail', 'pass'])
    expect(markdown).toContain('fail_ratio < 1%')
  })

  test('an undecided baseline rule makes the verdict inconclusive; on-inconclusive decides the step', async () => {
    // A baseline 30 % faster (p95 2.8 ms against 4 ms): beyond one rounding step, not surely beyond ×1.1.
    const first = await conclude('p95 < 500ms')
    const json = JSON.parse(readFileSync(first.resultsJsonPath, 'utf8')) as {
      totals: { percentiles: Record<string, number | null> }
    }
    for (const key of Object.keys(json.totals.percentiles)) {
      const ms = json.totals.percentiles[key]
      json.totals.percentiles[key] = ms === null ? null : ms * 0.7
    }
    const baseline = parseBaseline(JSON.stringify(json), 'faster')
    const rule = 'p95 < baseline * 1.1\nfail_ratio < 30%'
    const lenient = await conclude(rule, {}, { context: { baseline: { baseline } } })
    expect(lenient.report.evaluation.results[0].verdict).toBe('inconclusive')
    expect(lenient.report.verdict).toBe('inconclusive')
    expect(lenient.report.outcome).toMatchObject({ fails: false, warns: true, passed: true })
    expect(lenient.outputs.verdict).toBe('inconclusive')
    const strict = await conclude(
      rule,
      {},
      { config: { onInconclusive: 'fail' }, context: { baseline: { baseline } } }
    )
    expect(strict.report.outcome).toMatchObject({ fails: true, exitCode: 4, passed: false })
  })

  test('writes summary.md and results.json that agree with the report', async () => {
    const run = await conclude('rps >= 100\nfail_ratio < 30%')
    expect(readFileSync(run.summaryPath, 'utf8')).toBe(run.markdown)
    const json = JSON.parse(readFileSync(run.resultsJsonPath, 'utf8'))
    expect(json.verdict).toBe('passed')
    const html = new MarkdownIt({ html: false }).render(run.markdown)
    expect(html).toContain('<table>')
  })

  test('a backend error makes the verdict an error, and partial results are still reported', async () => {
    const { report, markdown } = await conclude('p95 < 500ms', {
      error: 'Cancelled by the user',
      partial: true
    })
    expect(report.verdict).toBe('error')
    expect(report.results?.aggregate.requests).toBe(4333)
    expect(markdown).toContain('Cancelled by the user')
  })

  test('no Locust output at all is an error that says where it looked', async () => {
    const resultsDir = mkdtempSync(join(tmpdir(), 'engine-empty-'))
    const { report } = await concludeRun(configWith('p95 < 500ms', resultsDir), {
      partial: false,
      facts: {}
    })
    expect(report.verdict).toBe('error')
    expect(report.error).toContain(`No readable Locust results in ${resultsDir}`)
  })
})

describe('a run unfit to judge is invalid, with the reason first', () => {
  test("Locust's CPU warning in the master's log makes the run invalid, whatever the rules say", async () => {
    const run = await conclude(
      'p95 < 500ms\nfail_ratio < 30%',
      {},
      { logs: { 'master.log': CPU_WARNING } }
    )
    expect(run.report.verdict).toBe('invalid')
    expect(run.report.outcome).toMatchObject({ fails: true, exitCode: 3, passed: false })
    expect(run.report.facts.cpuWarnings).toEqual(['the master'])
    const [heading, , firstNote] = run.markdown.split('\n')
    expect(heading).toContain('unfit to judge')
    expect(firstNote).toMatch(/^> \*\*Unfit to judge:\*\* Locust warned that the CPU of the master/)
    const json = JSON.parse(readFileSync(run.resultsJsonPath, 'utf8'))
    expect(json.verdict).toBe('invalid')
    expect(json.unfitReasons[0]).toMatch(/^Locust warned/)
    expect(json.facts.cpuWarnings).toEqual(['the master'])
  })

  test('users short of the requested count make it invalid; on-invalid: pass lets the step through', async () => {
    const run = await conclude('p95 < 500ms', {}, { config: { users: 50, onInvalid: 'pass' } })
    expect(run.report.verdict).toBe('invalid')
    expect(run.report.unfitReasons).toEqual([
      expect.stringMatching(/^Users never reached the count requested: at most 20 of 50/)
    ])
    expect(run.report.outcome).toMatchObject({ fails: false, warns: true, passed: false })
    expect(run.outputs.verdict).toBe('invalid')
  })

  test('an error keeps its own verdict and is not called unfit', async () => {
    const run = await conclude(
      'p95 < 500ms',
      { error: 'Locust crashed' },
      { logs: { 'master.log': CPU_WARNING } }
    )
    expect(run.report.verdict).toBe('error')
    expect(run.report.unfitReasons).toEqual([])
  })
})

describe('a baseline measured under other conditions is not comparable', () => {
  test('its rules become inconclusive, named as such, and fixed rules still count', async () => {
    const run = await conclude(
      'p95 < 500ms\nfail_ratio < 30%\np95 < baseline * 1.1',
      {},
      {
        context: fixtureBaseline({ users: 10 })
      }
    )
    expect(run.report.evaluation.results.map((result) => result.verdict)).toEqual([
      'pass',
      'pass',
      'inconclusive'
    ])
    expect(run.report.verdict).toBe('inconclusive')
    expect(run.report.baselineNotComparable).toContain('users 20 now, 10 in the baseline')
    const json = JSON.parse(readFileSync(run.resultsJsonPath, 'utf8'))
    expect(json.baselineNotComparable).toContain('users 20 now, 10 in the baseline')
    expect(json.thresholds[2]).toMatchObject({ verdict: 'inconclusive' })
  })

  test('a baseline measured alike judges its rules', async () => {
    const run = await conclude(
      'fail_ratio < 30%\np95 < baseline + 100ms',
      {},
      {
        context: fixtureBaseline()
      }
    )
    expect(run.report.baselineNotComparable).toBeUndefined()
    expect(run.report.evaluation.results[1].verdict).toBe('pass')
  })
})

describe('the baseline history and accepting a new baseline', () => {
  test('results.json names every run of the history, newest first', async () => {
    const context = fixtureBaseline()
    const lookup = context.baseline as { baseline: Baseline }
    const older = { ...lookup.baseline, source: 'older', runId: '41' }
    const newer = { ...lookup.baseline, runId: '42', runUrl: 'https://example.test/42' }
    const run = await conclude(
      'fail_ratio < 30%',
      {},
      {
        context: { baseline: { baseline: newer, history: [newer, older] } }
      }
    )
    const json = JSON.parse(readFileSync(run.resultsJsonPath, 'utf8'))
    expect(json.baselineHistory).toEqual([
      { source: 'earlier/results.json', runId: '42', runUrl: 'https://example.test/42' },
      { source: 'older', runId: '41' }
    ])
    expect(json.acceptedAsBaseline).toBe(false)
    expect(run.markdown).toContain('**Baseline history:** 2 runs, newest first: 42, 41')
  })

  test('baseline rules are judged against every run of the history measured alike', async () => {
    const context = fixtureBaseline()
    const newest = (context.baseline as { baseline: Baseline }).baseline
    const older = { ...newest, runId: '41' }
    const otherUsers = { ...newest, runId: '40', conditions: { ...newest.conditions, users: 10 } }
    const run = await conclude(
      'p95 < baseline * 1.1',
      {},
      { context: { baseline: { baseline: newest, history: [newest, older, otherUsers] } } }
    )
    expect(run.report.baselineNotComparable).toBeUndefined()
    expect(run.report.evaluation.results[0]).toMatchObject({ verdict: 'fail', baselineRuns: 2 })
    expect(run.report.baselineHistory).toHaveLength(3)
  })

  test('an accepted run is marked in results.json, also when it failed; an invalid one never', async () => {
    const failed = await conclude('p95 < 1ms', {}, { context: { acceptAsBaseline: true } })
    expect(failed.report.verdict).toBe('failed')
    expect(JSON.parse(readFileSync(failed.resultsJsonPath, 'utf8')).acceptedAsBaseline).toBe(true)
    expect(failed.markdown).toContain('**Baseline:** this run, accepted as the new baseline')
    const invalid = await conclude(
      'fail_ratio < 30%',
      {},
      {
        context: { acceptAsBaseline: true },
        logs: { 'master.log': CPU_WARNING }
      }
    )
    expect(invalid.report.verdict).toBe('invalid')
    expect(JSON.parse(readFileSync(invalid.resultsJsonPath, 'utf8')).acceptedAsBaseline).toBe(false)
  })
})

test("the baseline host's credentials (rounds) leave the results folder and the error like the host's", async () => {
  const { report, resultsJsonPath } = await conclude(
    'p95 < 500ms',
    { error: 'Locust could not reach http://bob:baseline-Pa55@127.0.0.1:18081' },
    {
      logs: { 'master.log': 'GET http://bob:baseline-Pa55@127.0.0.1:18081/ failed\n' },
      config: {
        rounds: {
          design: 'interleaved',
          count: 2,
          warmupSeconds: 0,
          baselineHost: 'http://bob:baseline-Pa55@127.0.0.1:18081'
        }
      }
    }
  )
  expect(report.error).not.toContain('baseline-Pa55')
  const folder = join(resultsJsonPath, '..')
  expect(readFileSync(join(folder, 'master.log'), 'utf8')).not.toContain('baseline-Pa55')
})
