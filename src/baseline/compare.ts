/** Compares a run with its baseline: the deltas behind the comparison table. Pure. */
import { endpointLabel, type EndpointStats, type LocustResults } from '../results/model.js'
import { metricValue } from '../thresholds/evaluate.js'
import { metricFamily } from '../thresholds/metrics.js'
import type { Metric } from '../thresholds/model.js'
import type { Baseline, Change, Comparison, ComparisonRow } from './model.js'

/** Relative changes smaller than this are noise between two runs, shown as "same". */
export const NOISE_RATIO = 0.02

/** The figures compared, in the order shown for one endpoint. */
const COMPARED_METRICS: readonly Metric[] = [
  { kind: 'percentile', quantile: 95 },
  { kind: 'percentile', quantile: 99 },
  { kind: 'median' },
  { kind: 'avg' },
  { kind: 'rps' },
  { kind: 'fail_ratio' }
]

const AGGREGATE_LABEL = 'Aggregated'

export function compareWithBaseline(results: LocustResults, baseline: Baseline): Comparison {
  const baselineByLabel = new Map(baseline.endpoints.map((stats) => [endpointLabel(stats), stats]))
  const currentLabels = new Set(results.endpoints.map(endpointLabel))
  const pairs: [string, EndpointStats, EndpointStats][] = [
    [AGGREGATE_LABEL, results.aggregate, baseline.aggregate]
  ]
  const newEndpoints: string[] = []
  for (const stats of results.endpoints) {
    const label = endpointLabel(stats)
    const before = baselineByLabel.get(label)
    if (before) pairs.push([label, stats, before])
    else newEndpoints.push(label)
  }
  const rows = pairs.flatMap(([label, now, before], pairIndex) =>
    COMPARED_METRICS.map((metric, metricIndex) => ({
      row: compareFigure(label, metric, metricValue(metric, before), metricValue(metric, now)),
      order: pairIndex * COMPARED_METRICS.length + metricIndex
    }))
  )
  rows.sort((a, b) => regression(b.row) - regression(a.row) || a.order - b.order)
  return {
    baselineSource: baseline.source,
    ...(baseline.runId === undefined ? {} : { baselineRunId: baseline.runId }),
    ...(baseline.runUrl === undefined ? {} : { baselineRunUrl: baseline.runUrl }),
    rows: rows.map(({ row }) => row),
    newEndpoints,
    goneEndpoints: [...baselineByLabel.keys()].filter((label) => !currentLabels.has(label))
  }
}

/** The aggregate's row for one metric, e.g. for the action's delta outputs. */
export function aggregateRow(comparison: Comparison, metric: Metric): ComparisonRow | undefined {
  return comparison.rows.find(
    (row) => row.label === AGGREGATE_LABEL && sameMetric(row.metric, metric)
  )
}

function compareFigure(
  label: string,
  metric: Metric,
  baseline: number | null,
  current: number | null
): ComparisonRow {
  if (baseline === null || current === null) {
    return { label, metric, baseline, current, delta: null, deltaRatio: null, change: 'unknown' }
  }
  const delta = current - baseline
  const deltaRatio = baseline === 0 ? null : delta / baseline
  return {
    label,
    metric,
    baseline,
    current,
    delta,
    deltaRatio,
    change: classify(metric, delta, deltaRatio)
  }
}

function classify(metric: Metric, delta: number, deltaRatio: number | null): Change {
  if (delta === 0 || (deltaRatio !== null && Math.abs(deltaRatio) < NOISE_RATIO)) return 'same'
  const higherIsWorse = metricFamily(metric) !== 'rate'
  return delta > 0 === higherIsWorse ? 'worse' : 'better'
}

/** How much worse a row is: the relative change in the bad direction; 0 for the rest. */
function regression(row: ComparisonRow): number {
  if (row.change !== 'worse') return 0
  return row.deltaRatio === null ? Number.POSITIVE_INFINITY : Math.abs(row.deltaRatio)
}

function sameMetric(a: Metric, b: Metric): boolean {
  return a.kind === b.kind && (a.kind !== 'percentile' || a.quantile === (b as typeof a).quantile)
}
