/** The vocabulary of threshold metrics: their names, families and units. Pure, no I/O. */

import type { Metric } from './model.js'

/** How a metric is measured, which decides the units it accepts and how its values are shown. */
export type MetricFamily = 'time' | 'ratio' | 'rate' | 'count'

type SimpleMetricKind = Exclude<Metric['kind'], 'percentile'>

const SIMPLE_METRIC_FAMILIES: Record<SimpleMetricKind, MetricFamily> = {
  min: 'time',
  max: 'time',
  avg: 'time',
  median: 'time',
  rps: 'rate',
  fail_rps: 'rate',
  requests: 'count',
  failures: 'count',
  fail_ratio: 'ratio'
}

/** The percentile columns Locust writes by default (locust.stats.PERCENTILES_TO_REPORT). */
export const LOCUST_DEFAULT_PERCENTILES = [50, 66, 75, 80, 90, 95, 98, 99, 99.9, 99.99, 100]

/**
 * Locust labels a percentile column with round(100 * p, 6), so a percentile it can write has at
 * most this many decimals.
 */
export const MAX_PERCENTILE_DECIMALS = 6

/** Every metric name a user is likely to mean, for "did you mean" suggestions and help texts. */
export const KNOWN_METRIC_NAMES: readonly string[] = [
  ...Object.keys(SIMPLE_METRIC_FAMILIES),
  ...LOCUST_DEFAULT_PERCENTILES.map((quantile) => `p${quantile}`)
]

export function isSimpleMetricName(name: string): name is SimpleMetricKind {
  return Object.hasOwn(SIMPLE_METRIC_FAMILIES, name)
}

export function metricFamily(metric: Metric): MetricFamily {
  return metric.kind === 'percentile' ? 'time' : SIMPLE_METRIC_FAMILIES[metric.kind]
}

/** The metric as a rule writes it: "p99.9", "fail_ratio", "avg". */
export function metricName(metric: Metric): string {
  return metric.kind === 'percentile' ? `p${metric.quantile}` : metric.kind
}
