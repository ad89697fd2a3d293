/** Baselines: read back from results.json (found, absent, corrupt) and compared with a run. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { compareWithBaseline } from '../../src/baseline/compare.js'
import { metricName } from '../../src/thresholds/metrics.js'
import { BaselineError } from '../../src/baseline/model.js'
import { parseBaseline } from '../../src/baseline/parse.js'
import { readBaselineFile } from '../../src/baseline/read.js'
import { toResultsJson } from '../../src/report/json.js'
import type { EndpointStats, LocustResults } from '../../src/results/model.js'
import { removeDir, tempDir } from '../support/helpers.js'
import { failingReport } from '../report/reports.js'

const report = await failingReport()
const results = report.results!
const resultsJson = JSON.stringify(
  toResultsJson({ ...report, facts: { ...report.facts, runId: '4242' } })
)

function scaled(stats: EndpointStats, time: number, rps = 1): EndpointStats {
  return {
    ...stats,
    medianMs: stats.medianMs === null ? null : stats.medianMs * time,
    avgMs: stats.avgMs === null ? null : stats.avgMs * time,
    rps: stats.rps * rps,
    percentiles: stats.percentiles.map((p) => ({ ...p, ms: p.ms === null ? null : p.ms * time }))
  }
}

describe('reading a baseline', () => {
  let dir: string
  beforeEach(() => {
    dir = tempDir('baseline')
  })
  afterEach(() => removeDir(dir))

  test("a run's results.json gives back the figures rules measure", () => {
    const baseline = parseBaseline(resultsJson, 'results.json')
    expect(baseline.runId).toBe('4242')
    expect(baseline.aggregate.requests).toBe(results.aggregate.requests)
    expect(baseline.aggregate.percentiles.find((p) => p.quantile === 95)?.ms).toBe(4)
    expect(baseline.endpoints.map((e) => `${e.method} ${e.name}`)).toEqual(
      results.endpoints.map((e) => `${e.method} ${e.name}`)
    )
    // Rounded to results.json's precision, everything else as read from the CSV.
    expect(baseline.aggregate.rps).toBeCloseTo(results.aggregate.rps, 3)
  })

  test('version 2 keeps histograms and the raw windows; version 1 (no intervals) still reads', () => {
    const withHistogram = structuredClone(report)
    withHistogram.results!.aggregate.responseTimes = [
      [1, 4000],
      [4, 333]
    ]
    const windows = [10, 20, 30].map((timestamp) => ({
      timestamp,
      rps: 5,
      p50Ms: 2,
      p95Ms: timestamp === 20 ? null : 4,
      p99Ms: 9
    }))
    withHistogram.results!.aggregate.windows = windows
    withHistogram.results!.endpoints[0].windows = windows.slice(1)
    const v2 = parseBaseline(JSON.stringify(toResultsJson(withHistogram)), 'v2')
    expect(v2.aggregate.responseTimes).toEqual([
      [1, 4000],
      [4, 333]
    ])
    expect(v2.aggregate.windows).toEqual(windows)
    expect(v2.endpoints[0].windows).toEqual(windows.slice(1))
    expect(v2.endpoints[1].windows).toBeUndefined()
    const v1 = JSON.parse(resultsJson) as Record<string, unknown>
    v1.schemaVersion = 1
    for (const field of ['confidence', 'sides']) delete v1[field]
    const read = parseBaseline(JSON.stringify(v1), 'v1')
    expect(read.aggregate.percentiles.find((p) => p.quantile === 95)?.ms).toBe(4)
    expect(read.aggregate.responseTimes).toBeUndefined()
  })

  test('a folder holding results.json, or the file itself', async () => {
    writeFileSync(join(dir, 'results.json'), resultsJson)
    expect((await readBaselineFile(dir))?.source).toBe(join(dir, 'results.json'))
    expect((await readBaselineFile(join(dir, 'results.json')))?.runId).toBe('4242')
  })

  test('nothing there is no baseline, not an error', async () => {
    expect(await readBaselineFile(join(dir, 'absent'))).toBeUndefined()
    mkdirSync(join(dir, 'empty'))
    expect(await readBaselineFile(join(dir, 'empty'))).toBeUndefined()
  })

  test.each([
    ['{"schemaVersion": 1, "tot', 'is not valid JSON'],
    ['{"totals": {}}', 'is not a results.json this version reads'],
    ['{"schemaVersion": 1, "totals": null}', 'holds no figures'],
    [
      '{"schemaVersion": 1, "totals": {"method": "", "name": "Aggregated", "requests": "many"}}',
      'is damaged: Aggregated has no number for requests'
    ]
  ])('corrupt: %s', async (text, message) => {
    writeFileSync(join(dir, 'results.json'), text)
    const read = readBaselineFile(dir)
    await expect(read).rejects.toBeInstanceOf(BaselineError)
    await expect(read).rejects.toThrow(message)
  })
})

describe('comparing with a baseline', () => {
  const baseline = parseBaseline(resultsJson, 'base/results.json')

  test('the same run: every figure the same, nothing new or gone', () => {
    const comparison = compareWithBaseline(results, [baseline])
    expect(comparison.rows.every((row) => row.change === 'same')).toBe(true)
    expect(comparison.rows).toHaveLength(6 * (1 + results.endpoints.length))
    expect(comparison).toMatchObject({ newEndpoints: [], goneEndpoints: [], baselineRunId: '4242' })
  })

  test('regressions first, the worst first; better throughput is not a regression', () => {
    const slowerIndex: LocustResults = {
      ...results,
      aggregate: scaled(results.aggregate, 3, 1.5),
      endpoints: [scaled(results.endpoints[0], 5), results.endpoints[1]]
    }
    const rows = compareWithBaseline(slowerIndex, [baseline]).rows
    const worse = rows.filter((row) => row.change === 'worse')
    expect(rows.slice(0, worse.length)).toEqual(worse)
    // p99 is not among them: between Locust's p99 (9 ms) and p99.9 (1 s) the CSV cannot bound it.
    // Nor are the medians (1 ms → 5 ms and 3 ms): one run against one, a rounding step of run-to-run noise
    // (assumed, it cannot be measured) is as large as the figure.
    expect(worse.map((row) => [row.label, metricName(row.metric), row.deltaRatio])).toEqual([
      ['GET /', 'p95', 4],
      ['GET /', 'avg', expect.closeTo(4, 3)],
      ['Aggregated', 'p95', expect.closeTo(2, 6)],
      ['Aggregated', 'avg', expect.closeTo(2, 3)]
    ])
    const median = (label: string) =>
      rows.find((row) => row.label === label && metricName(row.metric) === 'median')
    expect(median('GET /')).toMatchObject({ baseline: 1, current: 5, change: 'same' })
    expect(median('Aggregated')).toMatchObject({ baseline: 1, current: 3, change: 'same' })
    expect(worse.every((row) => row.ratioInterval!.low > 1)).toBe(true)
    const rps = rows.find((row) => row.label === 'Aggregated' && row.metric.kind === 'rps')
    expect(rps).toMatchObject({ change: 'better', deltaRatio: expect.closeTo(0.5, 3) })
  })

  test('p99 of a 40-request endpoint up 3×: within the noise (unbounded), not a regression', () => {
    const few = (stats: EndpointStats): EndpointStats => ({ ...stats, requests: 40 })
    const before = { ...baseline, endpoints: [few(baseline.endpoints[0]), baseline.endpoints[1]] }
    const now = {
      ...results,
      endpoints: [few(scaled(results.endpoints[0], 3)), results.endpoints[1]]
    }
    const row = compareWithBaseline(now, [before]).rows.find(
      (r) => r.label === 'GET /' && metricName(r.metric) === 'p99'
    )
    expect(row).toMatchObject({ change: 'same', deltaRatio: expect.closeTo(2, 6) })
    expect(row!.ratioInterval!.high).toBeNull()
  })

  test('a failure ratio up from 0 is the worst regression, without a percentage', () => {
    const noFailures = {
      ...baseline,
      aggregate: { ...baseline.aggregate, failures: 0 }
    }
    const [first] = compareWithBaseline(results, [noFailures]).rows
    expect(first).toMatchObject({
      label: 'Aggregated',
      metric: { kind: 'fail_ratio' },
      baseline: 0,
      deltaRatio: null,
      change: 'worse'
    })
  })

  test('endpoints new or gone since the baseline are listed, not compared', () => {
    const renamed = {
      ...results,
      endpoints: [{ ...results.endpoints[0], name: '/new' }, results.endpoints[1]]
    }
    const comparison = compareWithBaseline(renamed, [baseline])
    expect(comparison.newEndpoints).toEqual(['GET /new'])
    expect(comparison.goneEndpoints).toEqual(['GET /'])
    expect(comparison.rows.some((row) => row.label === 'GET /new')).toBe(false)
  })
})
