import { describeRule, formatMetricValue } from '../../src/thresholds/format.js'
import { parseThresholds } from '../../src/thresholds/parse.js'
import type { Metric } from '../../src/thresholds/model.js'

const p95: Metric = { kind: 'percentile', quantile: 95 }

describe('formatMetricValue', () => {
  test.each<[Metric, number | null, string]>([
    [p95, 512, '512 ms'],
    [p95, 1021, '1,021 ms'],
    [{ kind: 'avg' }, 3.3318716824371104, '3.33 ms'],
    [{ kind: 'avg' }, 0.0042, '0.0042 ms'],
    [{ kind: 'min' }, 0, '0 ms'],
    [{ kind: 'fail_ratio' }, 0.0125, '1.25%'],
    [{ kind: 'fail_ratio' }, 1079 / 4333, '24.9%'],
    [{ kind: 'fail_ratio' }, 1, '100%'],
    // A tiny non-zero ratio must not show as 0%.
    [{ kind: 'fail_ratio' }, 1 / 250000, '0.0004%'],
    [{ kind: 'rps' }, 104.2, '104.2/s'],
    [{ kind: 'rps' }, 541.6971790816687, '541.7/s'],
    [{ kind: 'fail_rps' }, 0.04, '0.04/s'],
    [{ kind: 'requests' }, 4333, '4,333'],
    [{ kind: 'failures' }, 0, '0'],
    [p95, null, 'n/a'],
    [{ kind: 'fail_ratio' }, null, 'n/a']
  ])('%j %p → %s', (metric, value, text) => {
    expect(formatMetricValue(metric, value)).toBe(text)
  })
})

describe('describeRule', () => {
  test.each([
    ['p95<500', 'p95 < 500 ms'],
    ['p99.9 <= 2s', 'p99.9 <= 2,000 ms'],
    ['fail_ratio < 0.01', 'fail_ratio < 1%'],
    ['rps >= 100', 'rps >= 100/s'],
    ['requests > 1000', 'requests > 1,000'],
    ['FAILURES == 0', 'failures == 0'],
    ['"GET /api: v2": p95 < 800ms # checkout', 'GET /api: v2: p95 < 800 ms'],
    ['/health: max < 50ms', '/health: max < 50 ms']
  ])('%s → %s', (text, description) => {
    expect(describeRule(parseThresholds(text)[0])).toBe(description)
  })
})
