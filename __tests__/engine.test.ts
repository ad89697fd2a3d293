import { cpSync, mkdtempSync, readFileSync, readdirSync, renameSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import MarkdownIt from 'markdown-it'
import { parse } from 'yaml'
import { parseBaseline } from '../src/baseline/parse.js'
import type { Baseline } from '../src/baseline/model.js'
import { concludeRun } from '../src/engine.js'
import type { RunConfig } from '../src/run/config.js'
import { parseThresholds } from '../src/thresholds/parse.js'

const fixture = join('__tests__', 'fixtures', 'locust-2.12.1-basic')

function configWith(
  thresholds: string,
  resultsDir = fixture,
  policy: Pick<RunConfig, 'confidence' | 'onInconclusive'> = {}
): RunConfig {
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
    resultsDir,
    ...policy
  }
}

async function conclude(
  thresholds: string,
  outcome: { error?: string; partial?: boolean } = {},
  policy: Pick<RunConfig, 'confidence' | 'onInconclusive'> = {},
  baseline?: Baseline
) {
  const resultsDir = mkdtempSync(join(tmpdir(), 'engine-'))
  cpSync(fixture, resultsDir, { recursive: true })
  // The fixture keeps the prefix it was recorded with; backends write Locust's as "locust".
  for (const name of readdirSync(resultsDir).filter((file) => file.startsWith('out_'))) {
    renameSync(join(resultsDir, name), join(resultsDir, name.replace(/^out_/, 'locust_')))
  }
  return concludeRun(
    configWith(thresholds, resultsDir, policy),
    {
      partial: outcome.partial ?? false,
      error: outcome.error,
      facts: { locustVersion: '2.12.1', workersConnected: 2 }
    },
    baseline ? { baseline: { baseline } } : {}
  )
}

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
    const lenient = await conclude(rule, {}, {}, baseline)
    expect(lenient.report.evaluation.results[0].verdict).toBe('inconclusive')
    expect(lenient.report.verdict).toBe('inconclusive')
    expect(lenient.report.outcome).toMatchObject({ fails: false, warns: true, passed: true })
    expect(lenient.outputs.verdict).toBe('inconclusive')
    const strict = await conclude(rule, {}, { onInconclusive: 'fail' }, baseline)
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
