/**
 * The spread over time inside a run (docs/thresholds.md, "The spread over time"): the raw windows
 * the history reader keeps for it, and how it joins a run's bounds (on seeded runs whose truth is
 * known: time-spread.simulation.test.ts).
 */
import { CsvTokenizer } from '../../src/results/csv.js'
import {
  AGGREGATE_LABEL,
  HistoryParser,
  LOCUST_WINDOW_SECONDS,
  WindowCollector
} from '../../src/results/history.js'
import { tOf, windowSpread, withTimeSpread } from '../../src/thresholds/statistics.js'
import type { EndpointStats, HistoryWindow, LocustResults } from '../../src/results/model.js'
import { evaluateThresholds } from '../../src/thresholds/evaluate.js'
import { parseThresholds } from '../../src/thresholds/parse.js'

const HEADER =
  'Timestamp,User Count,Type,Name,Requests/s,Failures/s,50%,95%,99%,Total Request Count,' +
  'Total Failure Count'

describe('the windows the statistics read come from the raw history rows', () => {
  // One row a second for a minute per interval: an endpoint's row, then the aggregate's. p95 is
  // 100 ms in the row just before each 10 s mark and 10 ms otherwise, so a chart's bucket maximum
  // differs from what any single window saw.
  const rows = Array.from({ length: 61 }, (_, second) => {
    const p95 = second % 10 === 9 ? 100 : 10
    const users = second === 0 ? 0 : 20
    const cells = `${second},0,5,${p95},${p95 + 1},${second * 10},0`
    return [
      `${1000 + second},${users},GET,/items,${cells}`,
      `${1000 + second},${users},,Aggregated,${cells}`
    ].join('\n')
  })

  function parse(maxPoints: number) {
    const parser = new HistoryParser('x_stats_history.csv', maxPoints)
    const tokenizer = new CsvTokenizer(parser)
    tokenizer.write(`${HEADER}\n${rows.join('\n')}\n`)
    tokenizer.end()
    return parser.finish()
  }

  test('one row per 10 s window, as Locust wrote it, whatever the charts are thinned to', () => {
    const table = parse(4)
    const aggregate = table.windows.get(AGGREGATE_LABEL)!
    // Users were running from 1001 on: the first whole window ends at 1011, then one every 10 s.
    expect(aggregate.map((window) => window.timestamp)).toEqual([1011, 1021, 1031, 1041, 1051])
    expect(aggregate[0]).toEqual({ timestamp: 1011, rps: 11, p50Ms: 5, p95Ms: 10, p99Ms: 11 })
    expect(aggregate.map((window) => window.p95Ms)).toEqual([10, 10, 10, 10, 10])
    // Each endpoint has its own series from its own rows.
    expect(table.windows.get('GET /items')).toEqual(aggregate)
    // The chart's points are thinned to 4 and keep each bucket's peak: not what the windows saw.
    expect(table.points.length).toBeLessThanOrEqual(4)
    expect(table.points.some((point) => point.p95Ms === 100)).toBe(true)
    expect(parse(1000).windows).toEqual(table.windows)
  })

  test('no window before a whole one has passed, none for an endpoint not yet requested', () => {
    const windows = new WindowCollector()
    const row = (timestamp: number, p50Ms: number | null, rps = 3) => ({
      timestamp,
      rps,
      p50Ms,
      p95Ms: p50Ms,
      p99Ms: p50Ms
    })
    windows.add('GET /a', 0, row(0, 5))
    // Users start at 1; Locust's "current" figures cover a whole window only from 11 on.
    windows.add('GET /a', 20, row(1, null))
    windows.add('GET /a', 20, row(5, 0))
    windows.add('GET /a', 20, row(11, 5))
    windows.add('GET /b', 20, row(11, null))
    windows.add('GET /a', 20, row(15, 5))
    windows.add('GET /a', 20, row(21, 5))
    // No request to /b in this window: its rate is a figure, its percentiles (written 0) are not.
    windows.add('GET /b', 20, row(21, 0, 0))
    const series = windows.finish()
    expect(series.get('GET /a')!.map((window) => window.timestamp)).toEqual([11, 21])
    expect(series.get('GET /b')).toEqual([
      { timestamp: 21, rps: 0, p50Ms: null, p95Ms: null, p99Ms: null }
    ])
  })

  test('a long run keeps a bounded number of windows, still disjoint and spanning the run', () => {
    const windows = new WindowCollector(8)
    for (let second = 0; second < 1000; second++) {
      for (const label of ['GET /a', AGGREGATE_LABEL]) {
        windows.add(label, 20, { timestamp: second, rps: 1, p50Ms: 1, p95Ms: 2, p99Ms: 3 })
      }
    }
    const series = [...windows.finish().values()]
    expect(series.reduce((sum, list) => sum + list.length, 0)).toBeLessThanOrEqual(8)
    for (const list of series) {
      const kept = list.map((window) => window.timestamp)
      expect(kept.length).toBeGreaterThanOrEqual(2)
      for (let k = 1; k < kept.length; k++) {
        expect(kept[k] - kept[k - 1]).toBeGreaterThanOrEqual(LOCUST_WINDOW_SECONDS)
      }
      expect(kept[0]).toBe(LOCUST_WINDOW_SECONDS)
      expect(kept.at(-1)).toBeGreaterThan(500)
    }
  })
})

describe('the spread over time joins the bounds as the wider of the two, with t', () => {
  const estimate = { centre: Math.log(100), below: 0.2, above: 0.25 }

  test('windows that spread less than the sampling noise leave the bounds as they are', () => {
    // The batch-means spread holds the windows' own sampling noise: adding it to the order
    // statistics' bounds would count that noise twice.
    expect(withTimeSpread(estimate, { se: 0.05, degreesOfFreedom: 9 }, 0.95)).toEqual(estimate)
  })

  test('windows that spread more widen both sides to t·se, t with windows − 1 degrees of freedom', () => {
    const widened = withTimeSpread(estimate, { se: 0.1, degreesOfFreedom: 2 }, 0.95)
    expect(widened.below).toBeCloseTo(tOf(0.95, 2) * 0.1)
    expect(widened.above).toBeCloseTo(tOf(0.95, 2) * 0.1)
    expect(widened.below).toBeCloseTo(0.292, 3)
  })

  test('a slow drift (neighbouring windows alike) widens the spread of many windows', () => {
    const drifting = Array.from({ length: 20 }, (_, k) => 100 * Math.exp(0.01 * k))
    const alternating = drifting.map((value, k) => (k % 2 === 0 ? value : drifting[19 - k]))
    const slow = windowSpread(drifting, 0.5)!
    const fast = windowSpread(alternating, 0.5)!
    // The same values in another order: the same plain spread, but the drift is not independent.
    expect(slow.se).toBeGreaterThan(2 * fast.se)
  })
})

describe("an endpoint's rule reads that endpoint's own windows", () => {
  /** 20,000 requests to GET /x with Locust's written percentiles scaled, and its windows. */
  function run(scale: number, windows?: readonly HistoryWindow[]): LocustResults {
    const stats = (method: string, name: string): EndpointStats => ({
      method,
      name,
      requests: 20_000,
      failures: 0,
      medianMs: 50 * scale,
      avgMs: 55 * scale,
      minMs: 10,
      maxMs: 300 * scale,
      avgContentSize: 10,
      rps: 100,
      failRps: 0,
      percentiles: [50, 90, 95, 98, 99].map((quantile) => ({
        label: `${quantile}%`,
        quantile,
        ms: Math.round(quantile * 1.2 * scale - 20)
      })),
      ...(windows ? { windows } : {})
    })
    return {
      endpoints: [stats('GET', '/x')],
      aggregate: stats('', 'Aggregated'),
      history: [],
      historyCounts: [],
      historyRowsRead: 0,
      historySpan: null,
      failures: [],
      exceptions: [],
      missingFiles: []
    }
  }
  // A level that swings between windows by more than the rule's 10 %.
  const swinging = [60, 140, 80, 130, 70, 150].map((p95Ms, k) => ({
    timestamp: 10 * k,
    rps: 100,
    p50Ms: p95Ms / 2,
    p95Ms,
    p99Ms: p95Ms * 1.2
  }))
  const rules = parseThresholds('"GET /x": p95 < baseline * 1.1')
  const verdict = (baseline: LocustResults, now: LocustResults) =>
    evaluateThresholds(rules, now, [baseline]).results[0].verdict

  test('steady: 20,000 requests 25 % slower fail the rule', () => {
    expect(verdict(run(1), run(1.25))).toBe('fail')
  })

  test('swinging windows make the same figures undecided', () => {
    expect(verdict(run(1, swinging), run(1.25, swinging))).toBe('inconclusive')
  })
})
