/** Compares a run with its baseline: the deltas behind the comparison table. Pure. */
import { endpointLabel, type EndpointStats, type LocustResults } from '../results/model.js'
import { DEFAULT_CONFIDENCE, metricValue } from '../thresholds/evaluate.js'
import { estimateOf, historySpread } from '../thresholds/estimates.js'
import { metricFamily } from '../thresholds/metrics.js'
import type { Metric } from '../thresholds/model.js'
import type { RunFigures } from '../thresholds/estimates.js'
import { ROUND_METRICS, type RoundsFigures } from '../thresholds/round-figures.js'
import { compareRounds, type RoundPair } from '../thresholds/rounds.js'
import { compareRuns, type Measured } from '../thresholds/statistics.js'
import type { Baseline, Change, Comparison, ComparisonRow } from './model.js'

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

/** One side of a compared figure: an endpoint's (or the aggregate's) stats, with its windows. */
interface Side {
  stats: EndpointStats
}

/**
 * Every compared figure of the run against its baseline runs (the newest first; the first one
 * names the source). A change counts as worse or better only beyond the noise: when now ÷ baseline
 * is beyond 1 at the confidence and beyond Locust's rounding step; otherwise it is "same" (within
 * noise).
 */
export function compareWithBaseline(
  results: LocustResults,
  baselines: readonly [Baseline, ...Baseline[]],
  confidence = DEFAULT_CONFIDENCE,
  rounds?: RoundsFigures
): Comparison {
  // A paired run's baseline is its own baseline side: its figures are compared round by round.
  const paired = rounds?.baselinePooled ? rounds : undefined
  const [baseline] = baselines
  const baselineByLabel = new Map(baseline.endpoints.map((stats) => [endpointLabel(stats), stats]))
  const currentLabels = new Set(results.endpoints.map(endpointLabel))
  const pairs: [string, Side, Side[]][] = [
    [
      AGGREGATE_LABEL,
      { stats: results.aggregate },
      baselines.map((run) => ({ stats: run.aggregate }))
    ]
  ]
  const newEndpoints: string[] = []
  for (const stats of results.endpoints) {
    const label = endpointLabel(stats)
    if (!baselineByLabel.has(label)) {
      newEndpoints.push(label)
      continue
    }
    const before = baselines.flatMap((run) =>
      run.endpoints
        .filter((endpoint) => endpointLabel(endpoint) === label)
        .map((s) => ({ stats: s }))
    )
    pairs.push([label, { stats }, before])
  }
  const rows = pairs.flatMap(([label, now, before], pairIndex) =>
    COMPARED_METRICS.map((metric, metricIndex) => ({
      row: compareFigure(label, metric, now, before, confidence, paired),
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
  now: Side,
  before: Side[],
  confidence: number,
  rounds: RoundsFigures | undefined
): ComparisonRow {
  const current = metricValue(metric, now.stats)
  const measuredBefore = before.flatMap((side) => {
    const value = metricValue(metric, side.stats)
    return value === null ? [] : [measuredOf(metric, side, value, confidence)]
  })
  const baseline = measuredBefore[0]?.estimate.value ?? null
  if (baseline === null || current === null) {
    return { label, metric, baseline, current, delta: null, deltaRatio: null, change: 'unknown' }
  }
  const pairs =
    rounds && ROUND_METRICS.has(metric.kind) ? pairsOf(label, metric, rounds, confidence) : []
  const unit = { factor: 1, offset: 0 }
  const comparison =
    pairs.length > 0
      ? compareRounds(pairs, { candidate: current, baseline }, unit, confidence)
      : compareRuns(measuredOf(metric, now, current, confidence), measuredBefore, unit, confidence)
  const level = comparison.baseline.value
  const delta = current - level
  const higherIsWorse = metricFamily(metric) !== 'rate'
  const beyondNoise =
    comparison.unknowable === undefined && !comparison.withinStep && comparison.side !== 'straddles'
  const change: Change =
    delta === 0 || !beyondNoise
      ? 'same'
      : (comparison.side === 'above') === higherIsWorse
        ? 'worse'
        : 'better'
  return {
    label,
    metric,
    baseline: level,
    current,
    delta,
    deltaRatio: level === 0 ? null : delta / level,
    ratioInterval: {
      low: comparison.ratio.low,
      high: Number.isFinite(comparison.ratio.high) ? comparison.ratio.high : null
    },
    change
  }
}

/** The figure in each round both sides measured, paired by index. */
function pairsOf(
  label: string,
  metric: Metric,
  rounds: RoundsFigures,
  confidence: number
): RoundPair[] {
  const inRound = (figures: RunFigures): Measured | undefined => {
    const stats =
      label === AGGREGATE_LABEL
        ? figures.aggregate
        : figures.endpoints.find((endpoint) => endpointLabel(endpoint) === label)
    const value = stats ? metricValue(metric, stats) : null
    return stats && value !== null ? measuredOf(metric, { stats }, value, confidence) : undefined
  }
  return rounds.candidate.flatMap((figures, i) => {
    const candidate = inRound(figures)
    const baseline = inRound(rounds.baseline[i])
    return candidate && baseline ? [{ candidate, baseline }] : []
  })
}

function measuredOf(metric: Metric, side: Side, value: number, confidence: number): Measured {
  return {
    estimate: estimateOf(metric, side.stats, value, confidence),
    spread: historySpread(metric, side.stats)
  }
}

/** How much worse a row is: the relative change in the bad direction; 0 for the rest. */
function regression(row: ComparisonRow): number {
  if (row.change !== 'worse') return 0
  return row.deltaRatio === null ? Number.POSITIVE_INFINITY : Math.abs(row.deltaRatio)
}

function sameMetric(a: Metric, b: Metric): boolean {
  return a.kind === b.kind && (a.kind !== 'percentile' || a.quantile === (b as typeof a).quantile)
}
