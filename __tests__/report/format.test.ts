import { describe, expect, test } from '@jest/globals'
import {
  failRatio,
  orderEndpoints,
  percentileMs,
  resampleHistory
} from '../../src/report/figures.js'
import {
  formatCount,
  formatLimit,
  formatSeconds,
  formatValue,
  machineValue,
  outputValue
} from '../../src/report/format.js'
import { runFacts } from '../../src/report/content.js'
import type { EndpointStats, HistoryPoint } from '../../src/results/model.js'
import { passingReport } from './reports.js'

describe('human formatting', () => {
  test('figures by family, as the threshold language shows them', () => {
    expect(formatCount(1234567)).toBe('1,234,567')
    expect(formatValue(2.757836508912108, 'time')).toBe('2.76 ms')
    expect(formatValue(0.249019, 'ratio')).toBe('24.9%')
    expect(formatValue(541.6971790816687, 'rate')).toBe('541.7/s')
    expect(formatValue(null, 'time')).toBe('n/a')
    expect(formatValue(undefined, 'rate')).toBe('n/a')
    expect(formatValue(Number.NaN, 'count')).toBe('n/a')
  })

  test('limits: fixed, computed from a baseline, or waiting for one', () => {
    const metric = { kind: 'percentile', quantile: 99.9 } as const
    const fixed = { text: 'p99.9 <= 2s', line: 1, metric, operator: '<=', limit: 2000 } as const
    const relative = { ...fixed, limit: undefined, baseline: { factor: 1.1, offset: 0 } }
    const result = { actual: 10, verdict: 'pass' } as const
    expect(formatLimit({ ...result, rule: fixed, limit: 2000 })).toBe('<= 2,000 ms')
    expect(formatLimit({ ...result, rule: relative, limit: 440 })).toBe(
      '<= 440 ms (baseline × 1.1)'
    )
    expect(formatLimit({ ...result, rule: relative, limit: null, verdict: 'skipped' })).toBe(
      '<= baseline × 1.1'
    )
  })

  test("durations the way Locust's --run-time writes them", () => {
    expect(formatSeconds(8)).toBe('8s')
    expect(formatSeconds(8.44)).toBe('8.4s')
    expect(formatSeconds(90)).toBe('1m30s')
    expect(formatSeconds(5400)).toBe('1h30m')
    expect(formatSeconds(3601)).toBe('1h1s')
    expect(formatSeconds(-1)).toBe('n/a')
  })
})

describe('machine values', () => {
  test('rounded per family; unknown is null (JSON) or empty (outputs)', () => {
    expect(machineValue(3.3318716824371104, 'time')).toBe(3.332)
    expect(machineValue(1079 / 4333, 'ratio')).toBe(0.249019)
    expect(machineValue(541.6971790816687, 'rate')).toBe(541.697)
    expect(machineValue(4333.4, 'count')).toBe(4333)
    expect(machineValue(null, 'time')).toBeNull()
    expect(outputValue(0.00001, 'ratio')).toBe('0.00001')
    expect(outputValue(undefined, 'time')).toBe('')
  })
})

const stats = (name: string, requests: number, failures: number): EndpointStats => ({
  method: 'GET',
  name,
  requests,
  failures,
  medianMs: 1,
  avgMs: 1,
  minMs: 1,
  maxMs: 1,
  avgContentSize: 1,
  rps: 1,
  failRps: 0,
  percentiles: [
    { label: '95%', quantile: 95, ms: 4 },
    { label: '99.9%', quantile: 99.9, ms: null }
  ]
})

describe('figures', () => {
  test('endpoints: failing first (most failures first), then the busiest, then by name', () => {
    const ordered = orderEndpoints([
      stats('/b', 500, 0),
      stats('/a', 500, 0),
      stats('/few-fail', 10, 1),
      stats('/busy', 9000, 0),
      stats('/many-fail', 20, 15)
    ])
    expect(ordered.map((s) => s.name)).toEqual(['/many-fail', '/few-fail', '/busy', '/a', '/b'])
  })

  test('percentiles and fail ratio', () => {
    expect(percentileMs(stats('/', 1, 0), 95)).toBe(4)
    expect(percentileMs(stats('/', 1, 0), 99.9)).toBeNull()
    expect(percentileMs(stats('/', 1, 0), 99)).toBeNull()
    expect(failRatio(stats('/', 4, 1))).toBe(0.25)
    expect(failRatio(stats('/', 0, 0))).toBeNull()
  })

  const point = (timestamp: number, users: number): HistoryPoint => ({
    timestamp,
    users,
    rps: 0,
    failRps: 0,
    p50Ms: null,
    p99Ms: null,
    p95Ms: null,
    totalRequests: 0,
    totalFailures: 0
  })

  test('history resampled on an even time grid: a gap repeats the last sample', () => {
    const history = [point(100, 1), point(101, 2), point(102, 3), point(110, 4)]
    expect(resampleHistory(history, 100).map((p) => p.users)).toEqual([
      1, 2, 3, 3, 3, 3, 3, 3, 3, 3, 4
    ])
  })

  test('history resampled to at most maxPoints, first and last kept', () => {
    const history = Array.from({ length: 1000 }, (_, i) => point(i, i))
    const sampled = resampleHistory(history, 60)
    expect(sampled).toHaveLength(60)
    expect(sampled[0].users).toBe(0)
    expect(sampled.at(-1)?.users).toBe(999)
    expect(resampleHistory([point(5, 1)], 60)).toHaveLength(1)
  })
})

describe('run facts from what ran', () => {
  test('workers lost mid-run and rejoined are said beside those connected', async () => {
    const report = await passingReport()
    const facts = {
      ...report.facts,
      workers: 2,
      workersConnected: 2,
      workersJoined: 3,
      workersLost: 1
    }
    const workers = runFacts({ ...report, facts }, { text: (t) => t, literal: (t) => t }).find(
      ([label]) => label === 'Workers'
    )
    expect(workers).toEqual([
      'Workers',
      '2 of 2 connected, 1 joined again later, 1 lost during the run (no heartbeat)'
    ])
  })

  test('worker tasks and the Locust processes they run are said apart', async () => {
    const report = await passingReport()
    const facts = { ...report.facts, workers: 3, workersConnected: 3, workerProcesses: 6 }
    const workers = runFacts({ ...report, facts }, { text: (t) => t, literal: (t) => t }).find(
      ([label]) => label === 'Workers'
    )
    expect(workers).toEqual(['Workers', '3 of 3 connected (6 Locust processes)'])
  })

  test('users at peak and at the end come from the stats history, not the inputs', async () => {
    const report = await passingReport()
    const users = runFacts(report, { text: (t) => t, literal: (t) => t }).find(
      ([label]) => label === 'Users'
    )
    // The fixture's history: 20 users up to the row Locust writes after stopping them (0 users).
    expect(users).toEqual(['Users', '20 at peak, 20 at the end (20 requested, spawn rate 10/s)'])
  })
})
