/** histograms.json: Locust's full distributions read and attached to the CSV rows they match. */
import { cpSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseHistograms, withHistograms } from '../../src/results/histograms.js'
import type { EndpointStats } from '../../src/results/model.js'
import { readLocustResults } from '../../src/results/read.js'
import { evaluateThresholds } from '../../src/thresholds/evaluate.js'
import { parseThresholds } from '../../src/thresholds/parse.js'
import { removeDir, tempDir } from '../support/helpers.js'

const FILE = {
  version: 1,
  locustVersion: '2.12.1',
  writtenAt: '2026-12-07T14:00:00Z',
  endpoints: [{ method: 'GET', name: '/items', responseTimes: { '110': 3, '4': 120, '5': 80 } }],
  aggregate: { method: '', name: 'Aggregated', responseTimes: { '4': 120, '5': 80, '110': 3 } }
}

function row(method: string, name: string, requests: number): EndpointStats {
  return {
    method,
    name,
    requests,
    failures: 0,
    medianMs: 4,
    avgMs: 5,
    minMs: 4,
    maxMs: 110,
    avgContentSize: null,
    rps: 1,
    failRps: 0,
    percentiles: []
  }
}

test('the histograms by endpoint label, ascending by time', () => {
  const histograms = parseHistograms(JSON.stringify(FILE))
  expect(histograms).toBeInstanceOf(Map)
  expect((histograms as Map<string, unknown>).get('GET /items')).toEqual([
    [4, 120],
    [5, 80],
    [110, 3]
  ])
  expect((histograms as Map<string, unknown>).has('Aggregated')).toBe(true)
})

test('a row gets its histogram only when the counts agree with the CSV', () => {
  const histograms = parseHistograms(JSON.stringify(FILE)) as Map<string, never>
  expect(withHistograms(row('GET', '/items', 203), histograms).responseTimes).toHaveLength(3)
  // Written at another moment than the CSV: the CSV alone judges it.
  expect(withHistograms(row('GET', '/items', 250), histograms).responseTimes).toBeUndefined()
  expect(withHistograms(row('POST', '/items', 203), histograms).responseTimes).toBeUndefined()
})

test.each([
  ['not JSON', '{"version": 1,', /not valid JSON/],
  ['another version', JSON.stringify({ ...FILE, version: 2 }), /not version 1/],
  [
    'a negative count',
    JSON.stringify({
      ...FILE,
      endpoints: [{ method: 'GET', name: '/x', responseTimes: { '4': -1 } }]
    }),
    /\/x has no valid responseTimes/
  ]
])('%s: a problem, and no histograms', (_, text, problem) => {
  const parsed = parseHistograms(text)
  expect(parsed).not.toBeInstanceOf(Map)
  expect((parsed as { problem: string }).problem).toMatch(problem)
})

test('readLocustResults attaches histograms.json beside the CSVs, and the rules read it', async () => {
  const dir = tempDir('histograms')
  try {
    cpSync(join('__tests__', 'fixtures', 'locust-2.12.1-basic'), dir, { recursive: true })
    const file = {
      ...FILE,
      // GET / as Locust held it: 3,254 requests; the aggregate's count is off, so it is left aside.
      endpoints: [
        { method: 'GET', name: '/', responseTimes: { '1': 2900, '4': 300, '9': 50, '1000': 4 } }
      ],
      aggregate: { method: '', name: 'Aggregated', responseTimes: { '1': 1 } }
    }
    writeFileSync(join(dir, 'histograms.json'), JSON.stringify(file))
    const results = await readLocustResults(dir, { prefix: 'out' })
    expect(results.endpoints[0].responseTimes).toEqual([
      [1, 2900],
      [4, 300],
      [9, 50],
      [1000, 4]
    ])
    expect(results.aggregate.responseTimes).toBeUndefined()
    const [rule] = evaluateThresholds(parseThresholds('"GET /": p95 < 500ms'), results).results
    expect(rule.method).toBe('histogram')
    writeFileSync(join(dir, 'histograms.json'), '{"version": 1,')
    const withoutHistograms = await readLocustResults(dir, { prefix: 'out' })
    expect(withoutHistograms.endpoints[0].responseTimes).toBeUndefined()
  } finally {
    removeDir(dir)
  }
})
