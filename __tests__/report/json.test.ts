import { describe, expect, test } from '@jest/globals'
import { RESULTS_SCHEMA_VERSION, toResultsJson } from '../../src/report/json.js'
import type { HistoryPoint } from '../../src/results/model.js'
import {
  errorReport,
  expectGolden,
  failingReport,
  hostileReport,
  passingReport
} from './reports.js'

describe('toResultsJson', () => {
  test('failing.results.json golden (UPDATE_GOLDEN=1 rewrites it)', async () => {
    expectGolden(
      'failing.results.json',
      `${JSON.stringify(toResultsJson(await failingReport()), null, 2)}\n`
    )
  })

  test("totals are Locust's own Aggregated row", async () => {
    const json = toResultsJson(await failingReport())
    expect(json.schemaVersion).toBe(RESULTS_SCHEMA_VERSION)
    expect(json.totals).toMatchObject({
      name: 'Aggregated',
      requests: 4333,
      failures: 1079,
      failRatio: 0.249019,
      rps: 541.697,
      medianMs: 1
    })
    expect(json.totals?.percentiles).toMatchObject({ p50: 1, p95: 4, p99: 8, 'p99.9': 1000 })
    expect(json.endpoints.map((e) => `${e.method} ${e.name}`)).toEqual(['GET /', 'GET /missing'])
  })

  test('thresholds carry actual, limit, verdict and reason in the rule unit', async () => {
    const json = toResultsJson(await failingReport())
    expect(
      json.thresholds.map((t) => [t.rule, t.metric, t.family, t.limit, t.actual, t.verdict])
    ).toEqual([
      ['p95 < 500ms', 'p95', 'time', 500, 4, 'pass'],
      ['fail_ratio < 1%', 'fail_ratio', 'ratio', 0.01, 0.249019, 'fail'],
      ['failures == 0', 'failures', 'count', 0, 1079, 'fail'],
      ['p99.9 <= 2s', 'p99.9', 'time', 2000, 1000, 'pass'],
      ['"GET /missing": p95 < 800ms', 'p95', 'time', 800, 4, 'pass'],
      ['/health: max < 50ms', 'max', 'time', 50, null, 'not_evaluated']
    ])
    expect(json.thresholds[4].selector).toBe('GET /missing')
    expect(json.thresholds[0].selector).toBeNull()
    expect(json.thresholds[5].reason).toMatch(/never ran/)
  })

  test('keeps user text exactly as Locust wrote it (escaping is for renderings only)', async () => {
    const json = toResultsJson(await hostileReport())
    expect(json.endpoints.map((e) => e.name)).toContain('/line\nbreak, "quoted" — ünïcødé 日本')
    expect(json.exceptions[0].message).toBe('bad `value` <b>|</b>\n```\n</details>')
  })

  test('history is thinned to at most 500 points spread over the whole run', async () => {
    const report = await passingReport()
    const history: HistoryPoint[] = Array.from({ length: 3000 }, (_, second) => ({
      timestamp: 1_700_000_000 + second,
      users: 10,
      rps: second,
      failRps: 0,
      p50Ms: 1,
      p95Ms: 2,
      p99Ms: 3,
      totalRequests: second * 10,
      totalFailures: 0
    }))
    const json = toResultsJson({
      ...report,
      results: { ...report.results!, history, historyRowsRead: 3000 }
    })
    expect(json.history.rowsRead).toBe(3000)
    expect(json.history.points).toHaveLength(500)
    expect(json.history.points[0].rps).toBe(0)
    expect(json.history.points.at(-1)?.rps).toBe(2999)
  })

  test('without results: verdict and error, empty figures', () => {
    const json = toResultsJson(errorReport())
    expect(json).toMatchObject({
      verdict: 'error',
      passed: false,
      partial: false,
      totals: null,
      endpoints: []
    })
    expect(json.error).toMatch(/^locust exited with code 1/)
    expect(json.thresholds[0]).toMatchObject({ actual: null, verdict: 'not_evaluated' })
  })
})
