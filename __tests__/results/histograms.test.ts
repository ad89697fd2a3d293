/** histograms.json: Locust's full distributions read and attached to the CSV rows they match. */
import { parseHistograms, withHistograms } from '../../src/results/histograms.js'
import type { EndpointStats } from '../../src/results/model.js'

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
