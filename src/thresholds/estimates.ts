/**
 * The figures rules and comparisons read, as estimates with bounds (./statistics.ts): which data
 * each metric's bounds come from. Pure.
 */
import type { EndpointStats, HistoryWindow } from '../results/model.js'
import type { Metric } from './model.js'
import {
  cdfPoints,
  exactEstimate,
  meanEstimate,
  percentileEstimate,
  proportionEstimate,
  rateEstimate,
  TIME_RESOLUTION_MS,
  windowSpread,
  type Estimate,
  type PercentileSource,
  type TimeSpread
} from './statistics.js'

/** One run's figures as the statistics read them: endpoints (with their windows) and the aggregate. */
export interface RunFigures {
  aggregate: EndpointStats
  endpoints: EndpointStats[]
}

/** The percentile source of an endpoint: its full histogram when kept, else its CSV points. */
function sourceOf(stats: EndpointStats): PercentileSource {
  if (stats.responseTimes && stats.responseTimes.length > 0) {
    return { kind: 'histogram', histogram: stats.responseTimes }
  }
  const written = stats.percentiles.flatMap((p) =>
    p.ms === null ? [] : [{ q: p.quantile / 100, ms: p.ms }]
  )
  return { kind: 'csv-percentiles', points: cdfPoints(written, stats.minMs, stats.requests) }
}

/**
 * The estimate of a metric whose point value is `value` (as the rule measured it), or null when
 * the metric has none. Percentiles and the median get order-statistic bounds, the average its
 * standard error, rates Poisson and the failure ratio binomial bounds; min, max and counts are exact.
 */
export function estimateOf(
  metric: Metric,
  stats: EndpointStats,
  value: number,
  confidence: number
): Estimate {
  const n = stats.requests
  switch (metric.kind) {
    case 'percentile':
      return percentileEstimate(sourceOf(stats), n, metric.quantile / 100, value, confidence)
    case 'median':
      return percentileEstimate(sourceOf(stats), n, 0.5, value, confidence)
    case 'avg':
      return meanEstimate(sourceOf(stats), n, value, confidence)
    case 'rps':
      return rateEstimate(value, n, confidence)
    case 'fail_rps':
      return rateEstimate(value, stats.failures, confidence)
    case 'fail_ratio':
      return proportionEstimate(stats.failures, n, confidence)
    case 'min':
    case 'max':
    case 'requests':
    case 'failures':
      return exactEstimate(value)
  }
}

/**
 * The spread over time of an endpoint's (or the aggregate's) level from its own windows (batch
 * means), for the metrics the windows carry: p50, p95, p99 and rps. Null otherwise, without
 * windows, and below three.
 */
export function historySpread(metric: Metric, stats: EndpointStats): TimeSpread | null {
  const series = seriesOf(metric)
  if (!series || !stats.windows) return null
  return windowSpread(
    stats.windows.map((window) => series(window) ?? Number.NaN),
    metric.kind === 'rps' ? Number.MIN_VALUE : TIME_RESOLUTION_MS
  )
}

function seriesOf(metric: Metric): ((window: HistoryWindow) => number | null) | undefined {
  if (metric.kind === 'median') return (point) => point.p50Ms
  if (metric.kind === 'rps') return (point) => point.rps
  if (metric.kind !== 'percentile') return undefined
  if (metric.quantile === 50) return (point) => point.p50Ms
  if (metric.quantile === 95) return (point) => point.p95Ms
  if (metric.quantile === 99) return (point) => point.p99Ms
  return undefined
}
