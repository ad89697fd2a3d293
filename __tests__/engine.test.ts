import { cpSync, mkdtempSync, readFileSync, readdirSync, renameSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import MarkdownIt from 'markdown-it'
import { parse } from 'yaml'
import { concludeRun } from '../src/engine.js'
import type { RunConfig } from '../src/run/config.js'
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

async function conclude(thresholds: string, outcome: { error?: string; partial?: boolean } = {}) {
  const resultsDir = mkdtempSync(join(tmpdir(), 'engine-'))
  cpSync(fixture, resultsDir, { recursive: true })
  // The fixture keeps the prefix it was recorded with; backends write Locust's as "locust".
  for (const name of readdirSync(resultsDir).filter((file) => file.startsWith('out_'))) {
    renameSync(join(resultsDir, name), join(resultsDir, name.replace(/^out_/, 'locust_')))
  }
  return concludeRun(configWith(thresholds, resultsDir), {
    partial: outcome.partial ?? false,
    error: outcome.error,
    facts: { locustVersion: '2.12.1', workersConnected: 2 }
  })
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
