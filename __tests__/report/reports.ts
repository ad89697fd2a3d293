/**
 * Fixed RunReport objects for the report tests, built from real Locust 2.12.1 output
 * (__tests__/fixtures/report/) with the real reader and threshold evaluator. No clock is read:
 * every date is written out, so the rendered goldens never change on their own.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect } from '@jest/globals'
import type { RunReport, Verdict } from '../../src/report/model.js'
import { stepOutcome } from '../../src/report/outcome.js'
import type { RunFacts } from '../../src/run/facts.js'
import type { EndpointStats, LocustResults } from '../../src/results/model.js'
import { readLocustResults } from '../../src/results/read.js'
import { evaluateThresholds } from '../../src/thresholds/evaluate.js'
import { parseThresholds } from '../../src/thresholds/parse.js'

const FIXTURES = fileURLToPath(new URL('../fixtures/report/', import.meta.url))
const GOLDEN = fileURLToPath(new URL('../golden/', import.meta.url))

export function basicResults(): Promise<LocustResults> {
  return readLocustResults(`${FIXTURES}basic`, { prefix: 'out' })
}

export function hostileResults(): Promise<LocustResults> {
  return readLocustResults(`${FIXTURES}hostile`, { prefix: 'hostile' })
}

const LOCAL_FACTS: RunFacts = {
  backend: 'local',
  backendLabel: 'local',
  host: 'http://127.0.0.1:18080',
  users: 20,
  spawnRate: 10,
  workers: 2,
  workersConnected: 2,
  runTimeSeconds: 8,
  durationSeconds: 8.4,
  locustVersion: '2.12.1',
  startedAt: '2026-11-28T01:00:29Z',
  endedAt: '2026-11-28T01:00:38Z'
}

const AWS_FACTS: RunFacts = {
  ...LOCAL_FACTS,
  backend: 'aws',
  backendLabel: 'AWS (Fargate, Step Functions)',
  host: 'https://staging.example.com',
  workers: 4,
  workersConnected: 4,
  runTimeSeconds: 5400,
  durationSeconds: 5412.5,
  links: [
    {
      label: 'Execution',
      value: 'arn:aws:states:eu-west-1:123456789012:execution:locust:run-42',
      url: 'https://console.aws.amazon.com/states/home?region=eu-west-1#/v2/executions/details/arn:aws:states:eu-west-1:123456789012:execution:locust:run-42'
    },
    { label: 'Run id', value: 'run-42' }
  ]
}

function report(
  results: LocustResults | undefined,
  thresholds: string,
  facts: RunFacts,
  failure?: { error: string; partial: boolean }
): RunReport {
  const evaluation = evaluateThresholds(parseThresholds(thresholds), results)
  const verdict: Verdict = failure ? 'error' : evaluation.passed ? 'passed' : 'failed'
  return {
    verdict,
    outcome: stepOutcome(verdict),
    facts,
    results,
    evaluation,
    error: failure?.error,
    partial: failure?.partial ?? false
  }
}

export async function passingReport(): Promise<RunReport> {
  const rules = [
    'p95 < 500ms',
    'median <= 50ms',
    'rps >= 100',
    'requests > 1000',
    '"GET /": fail_ratio < 1%'
  ]
  return report(await basicResults(), rules.join('\n'), LOCAL_FACTS)
}

export async function failingReport(): Promise<RunReport> {
  const rules = [
    '# the gate of the release pipeline',
    'p95 < 500ms',
    'fail_ratio < 1%        # the 404s of /missing break this one',
    'failures == 0',
    'p99.9 <= 2s',
    '"GET /missing": p95 < 800ms',
    '/health: max < 50ms'
  ]
  return report(await basicResults(), rules.join('\n'), AWS_FACTS)
}

/** Only a response-time rule: the default failure guard judges the 25% failed requests. */
export async function guardedReport(): Promise<RunReport> {
  return report(await basicResults(), 'p95 < 500ms', LOCAL_FACTS)
}

/** The run broke off half way: a worker's task stopped; what Locust wrote is still reported. */
export async function partialReport(): Promise<RunReport> {
  const facts: RunFacts = { ...AWS_FACTS, workersConnected: 3, durationSeconds: 2710 }
  return report(await basicResults(), 'p95 < 500ms\nfail_ratio < 1%', facts, {
    error:
      'Worker task 3 of 4 stopped (OutOfMemoryError: Container killed due to memory usage).\n' +
      'Raise the task memory in the stack parameters | <b>WorkerMemory</b>',
    partial: true
  })
}

/** Locust never started: no results at all. */
export function errorReport(): RunReport {
  return report(
    undefined,
    'p95 < 500ms',
    { ...LOCAL_FACTS, workersConnected: 0, durationSeconds: undefined, locustVersion: undefined },
    {
      error:
        'locust exited with code 1 before writing results: ImportError: No module named `faker`',
      partial: false
    }
  )
}

/** Names, errors, host and links that try to break markdown, inject HTML or fake links. */
export async function hostileReport(): Promise<RunReport> {
  const rules = [
    'p95 < 500ms',
    '"/x|<script>alert(1)</script>": failures == 0',
    '"/```code``` & *bold* _it_ [link](javascript:alert(1))": p99 < 2s'
  ]
  const facts: RunFacts = {
    ...LOCAL_FACTS,
    workers: 1,
    workersConnected: 1,
    host: 'http://127.0.0.1:8089/|<img src=x onerror=alert(1)>`\n## not a heading',
    links: [
      {
        label: 'Report [click](javascript:alert(1))',
        url: 'javascript:alert(1)',
        value: 'innocent'
      },
      { label: 'Log', url: 'https://example.com/log?a=1)](javascript:alert(1)' }
    ]
  }
  return report(await hostileResults(), rules.join('\n'), facts)
}

/**
 * A run with `count` endpoints whose names are long (about 250 characters), every seventh failing,
 * made from the basic run's rows so every figure is one Locust wrote.
 */
export async function manyEndpointsReport(count: number): Promise<RunReport> {
  const results = await basicResults()
  const [ok, failing] = [results.endpoints[0], results.endpoints[1]]
  const endpoints: EndpointStats[] = Array.from({ length: count }, (_, index) => {
    const template = index % 7 === 3 ? failing : ok
    const padding = 'segment/'.repeat(28)
    return {
      ...template,
      name: `/api/v1/tenant-${String(index).padStart(5, '0')}/${padding}item|<${index}>`,
      requests: template.requests + (index % 100)
    }
  })
  return report({ ...results, endpoints }, 'p95 < 500ms\nfail_ratio < 30%', LOCAL_FACTS)
}

/** Compares with the committed golden file; UPDATE_GOLDEN=1 rewrites it instead. */
export function expectGolden(fileName: string, actual: string): void {
  const path = `${GOLDEN}${fileName}`
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(path, actual)
    return
  }
  let expected: string
  try {
    expected = readFileSync(path, 'utf8')
  } catch {
    throw new Error(
      `Golden file __tests__/golden/${fileName} is missing: run the tests with UPDATE_GOLDEN=1, then check it by eye.`
    )
  }
  expect(actual).toBe(expected)
}
