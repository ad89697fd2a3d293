import { abortCommandJson, parseLiveStats, progressOf } from '../../src/run/live-stats.js'
import { progressLine } from '../../src/report/sentences.js'

/** One endpoint's figures, the same for the aggregate of a test with one endpoint. */
const FIGURES = {
  numRequests: 400,
  numFailures: 100,
  minMs: 3,
  maxMs: 250,
  avgMs: 20.5,
  medianMs: 16,
  avgContentLength: 120,
  rps: 3.1,
  failRps: 0.8,
  currentRps: 4.5,
  percentiles: { '50': 16, '95': 120, '99.9': 240 }
}

/** progress.json as control.py writes it (docker/distributed_locust/test_control.py checks that side). */
const DOCUMENT = {
  version: 1,
  locustVersion: '2.12.1',
  writtenAt: '2026-12-07T14:02:10Z',
  state: 'running',
  testStartedAt: '2026-12-07T14:00:00Z',
  elapsedSeconds: 130,
  users: 20,
  workersConnected: 2,
  abortRequested: null,
  endpoints: [{ method: 'GET', name: '/items', ...FIGURES }],
  aggregate: { method: '', name: 'Aggregated', ...FIGURES }
}

describe('progress.json', () => {
  test('reads into the figures the rule engine judges, percentiles as Locust labels them', () => {
    const live = parseLiveStats(JSON.stringify(DOCUMENT))
    if ('problem' in live) throw new Error(live.problem)
    expect(live.elapsedSeconds).toBe(130)
    expect(live.figures.aggregate).toEqual({
      method: '',
      name: 'Aggregated',
      requests: 400,
      failures: 100,
      medianMs: 16,
      avgMs: 20.5,
      minMs: 3,
      maxMs: 250,
      avgContentSize: 120,
      rps: 3.1,
      failRps: 0.8,
      percentiles: [
        { label: '50%', quantile: 50, ms: 16 },
        { label: '95%', quantile: 95, ms: 120 },
        { label: '99.9%', quantile: 99.9, ms: 240 }
      ]
    })
    expect(live.figures.endpoints.map((endpoint) => endpoint.name)).toEqual(['/items'])
  })

  test('gives the progress line users, workers, the current rate, p95 and failures', () => {
    const live = parseLiveStats(JSON.stringify(DOCUMENT))
    if ('problem' in live) throw new Error(live.problem)
    expect(progressLine(progressOf(live, 300))).toBe(
      '130s / 300s · 20 users · 2 workers · 4.5 req/s · p95 120 ms · 25.0% failed (100)'
    )
  })

  test('the rate is the test so far until Locust has a recent one', () => {
    const early = { ...DOCUMENT, aggregate: { ...DOCUMENT.aggregate, currentRps: 0 } }
    const live = parseLiveStats(JSON.stringify(early))
    if ('problem' in live) throw new Error(live.problem)
    expect(progressOf(live, 300).rps).toBe(3.1)
  })

  test.each([
    ['{', 'is not valid JSON'],
    ['{"version": 2, "endpoints": []}', 'is not version 1'],
    [JSON.stringify({ ...DOCUMENT, aggregate: { name: 'Aggregated' } }), 'no readable aggregate'],
    [
      JSON.stringify({ ...DOCUMENT, endpoints: [{ ...DOCUMENT.aggregate, numRequests: 'x' }] }),
      'unreadable endpoint'
    ]
  ])('%s is refused with a reason', (text, problem) => {
    expect(parseLiveStats(text)).toEqual({ problem: expect.stringContaining(problem) as string })
  })

  test('the abort command carries the reason control.py logs', () => {
    const command = abortCommandJson({
      rule: 'fail_ratio < 5% abort after 30s',
      atSeconds: 130,
      breachedSinceSeconds: 100,
      message: 'aborted at 2:10 by fail_ratio < 5% abort after 30s (25%, breached since 1:40)'
    })
    expect(JSON.parse(command)).toEqual({
      version: 1,
      reason: 'aborted at 2:10 by fail_ratio < 5% abort after 30s (25%, breached since 1:40)',
      rule: 'fail_ratio < 5% abort after 30s',
      atSeconds: 130
    })
  })
})
